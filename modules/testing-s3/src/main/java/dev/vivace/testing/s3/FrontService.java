package dev.vivace.testing.s3;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Applies {@link FrontRules}, then forwards the request unchanged (same Host, same signed headers)
 * to s3proxy, which verifies the signature and serves it. Records every request without header
 * values.
 */
final class FrontService implements HttpService {

  private final S3Emulator emulator;
  private final FrontRules rules;
  private final WebClient backend;

  FrontService(S3Emulator emulator, WebClient backend) {
    this.emulator = requireNonNull(emulator, "emulator");
    this.rules = new FrontRules(emulator);
    this.backend = requireNonNull(backend, "backend");
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(req.aggregate().thenCompose(this::handle));
  }

  private CompletableFuture<HttpResponse> handle(AggregatedHttpRequest req) {
    RequestHeaders headers = req.headers();
    HttpResponse rejection = rules.check(headers);
    if (rejection != null) {
      return rejection.aggregate().thenApply(res -> recorded(headers, res));
    }
    RequestHeaders forwarded = headers.toBuilder().removeAndThen(HttpHeaderNames.EXPECT).build();
    return backend
        .execute(HttpRequest.of(forwarded, req.content()))
        .aggregate()
        .thenApply(res -> recorded(headers, res));
  }

  private HttpResponse recorded(RequestHeaders headers, AggregatedHttpResponse res) {
    Set<String> names = new LinkedHashSet<>();
    headers.names().forEach(n -> names.add(n.toString()));
    SigV4Authorization auth = SigV4Authorization.parse(headers.get("authorization"));
    emulator.record(
        new RecordedS3Request(
            headers.method().name(),
            headers.path(),
            names,
            headers.get("x-amz-content-sha256"),
            auth == null ? null : auth.accessKeyId(),
            res.status().code()));
    return res.toHttpResponse();
  }
}
