package dev.vivace.testing.sts;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Turns HTTP requests into {@link StsProcessor} calls and faults into broken answers. */
final class StsService implements HttpService {

  static final String JSON = "application/json;charset=utf-8";

  private final StsEmulator emulator;
  private final StsProcessor processor;

  StsService(StsEmulator emulator) {
    this.emulator = emulator;
    this.processor = new StsProcessor(emulator);
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(req.aggregate().thenApply(this::handle));
  }

  private HttpResponse handle(AggregatedHttpRequest req) {
    String rawQuery =
        req.path().contains("?") ? req.path().substring(req.path().indexOf('?') + 1) : "";
    Map<String, String> query = FormParams.parse(rawQuery);
    MediaType type = req.contentType();
    String body = req.contentUtf8();
    Map<String, String> form =
        type != null && type.is(MediaType.FORM_DATA) ? FormParams.parse(body) : Map.of();
    Map<String, String> headers = new LinkedHashMap<>();
    req.headers().forEach((k, v) -> headers.putIfAbsent(k.toString().toLowerCase(Locale.ROOT), v));
    RecordedStsRequest recorded =
        new RecordedStsRequest(req.method().name(), query, form, headers, req.content().length());
    emulator.record(recorded);

    String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    StsFault fault = emulator.takeFault();
    if (fault != null) {
      return switch (fault) {
        case INTERNAL_ERROR -> error(requestId, StsError.INTERNAL);
        case SERVICE_UNAVAILABLE -> error(requestId, StsError.UNAVAILABLE);
        case THROTTLING -> error(requestId, StsError.THROTTLED);
        case TOKEN_EXPIRED -> error(requestId, StsError.TOKEN_EXPIRED);
        case DURATION_REJECTED -> error(requestId, StsError.DURATION);
        case NO_CONTENT_TYPE -> withoutContentType(process(recorded, requestId));
        case MALFORMED_BODY ->
            json(HttpStatus.OK, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        case SLOW -> HttpResponse.delayed(process(recorded, requestId), emulator.slowness);
        default -> throw new IllegalStateException("fault: " + fault);
      };
    }
    return process(recorded, requestId);
  }

  private HttpResponse process(RecordedStsRequest request, String requestId) {
    try {
      return json(HttpStatus.OK, processor.assumeRoleWithOidc(request.params(), requestId));
    } catch (Rejection r) {
      return error(requestId, r.error());
    }
  }

  /** The normal answer with its Content-Type removed, as a misbehaving proxy might send it. */
  private static HttpResponse withoutContentType(HttpResponse res) {
    return HttpResponse.of(
        res.aggregate()
            .thenApply(
                agg ->
                    HttpResponse.of(
                        agg.headers().toBuilder()
                            .removeAndThen(HttpHeaderNames.CONTENT_TYPE)
                            .build(),
                        agg.content())));
  }

  private HttpResponse error(String requestId, StsError e) {
    return json(HttpStatus.valueOf(e.status()), StsJson.error(requestId, emulator.hostId, e));
  }

  private static HttpResponse json(HttpStatus status, String body) {
    ResponseHeaders headers =
        ResponseHeaders.builder(status).add(HttpHeaderNames.CONTENT_TYPE, JSON).build();
    return HttpResponse.of(headers, HttpData.ofUtf8(body));
  }
}
