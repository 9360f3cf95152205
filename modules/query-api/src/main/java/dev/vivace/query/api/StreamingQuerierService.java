package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.grpc.protocol.ArmeriaStatusException;
import com.linecorp.armeria.common.grpc.protocol.GrpcHeaderNames;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchResult;
import dev.vivace.tenant.Tenancy;
import dev.vivace.tenant.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Tempo's {@code tempopb.StreamingQuerier} gRPC service, which Grafana's Tempo data source uses for
 * streaming search and, with streaming on, for its health check. A raw gRPC service over Armeria:
 * it reads the request frame itself and streams framed responses, then the status in trailers.
 *
 * <p>{@code Search} sends a message about every 500 ms with the traces that are new or changed and
 * the counters so far, then a final message with the rest and the final counters; each message
 * stays under gRPC's default 4 MiB, larger results go in more messages. The client cancelling stops
 * the search. The tag calls answer once, in as many messages under 4 MiB as the names or values
 * need, and end as a search does when incomplete (see {@link PartialAnswers#trailers}). The TraceQL
 * metrics calls answer UNIMPLEMENTED.
 */
public final class StreamingQuerierService implements HttpService {

  /** The gRPC service name; method paths are {@code /tempopb.StreamingQuerier/<Method>}. */
  public static final String SERVICE_NAME = "tempopb.StreamingQuerier";

  private static final String PREFIX = "/" + SERVICE_NAME + "/";

  /** How long after the search's deadline the call may take to send its last messages. */
  private static final Duration FINISH_GRACE = Duration.ofSeconds(5);

  /** Returns a builder for a service that searches with {@code engine}. */
  public static StreamingQuerierServiceBuilder builder(SearchEngine engine) {
    return new StreamingQuerierServiceBuilder(engine);
  }

  private final SearchEngine engine;
  private final GrpcTags tags;
  private final Tenancy tenancy;
  private final SearchLimits limits;
  private final Duration timeout;
  private final Duration flushInterval;
  private final int maxMessageBytes;

  StreamingQuerierService(
      SearchEngine engine,
      Tenancy tenancy,
      SearchLimits limits,
      Duration flushInterval,
      int maxMessageBytes,
      ToLongFunction<String> maxBytesPerTagValuesQuery) {
    this.engine = requireNonNull(engine, "engine");
    this.tenancy = requireNonNull(tenancy, "tenancy");
    this.tags =
        new GrpcTags(
            new TagService(tenancy, engine, "", limits.queryTimeout(), maxBytesPerTagValuesQuery));
    this.limits = requireNonNull(limits, "limits");
    this.timeout = limits.queryTimeout();
    this.flushInterval = requireNonNull(flushInterval, "flushInterval");
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Adds the service's methods and {@code grpc.health.v1.Health/Check} to {@code sb}. gRPC paths
   * take no {@code http_api_prefix}. Sets no port; serve it over h2c (Armeria's default for a
   * plain-text port) for gRPC clients to reach it.
   */
  public void addTo(ServerBuilder sb) {
    long maxRequest = GrpcWire.MAX_REQUEST_BYTES + 5L;
    sb.route()
        .pathPrefix(PREFIX)
        .methods(HttpMethod.POST)
        .maxRequestLength(maxRequest)
        .requestTimeout(timeout.plus(FINISH_GRACE))
        .build(this);
    sb.route()
        .path(GrpcHealthService.PATH)
        .methods(HttpMethod.POST)
        .maxRequestLength(maxRequest)
        .build(new GrpcHealthService());
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    MediaType contentType = req.contentType();
    if (contentType == null
        || !contentType.subtype().startsWith("grpc")
        || contentType.subtype().startsWith("grpc-web")) {
      return HttpResponse.of(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          MediaType.PLAIN_TEXT_UTF_8,
          "415 unsupported media type, supported: [application/grpc]");
    }
    String method = ctx.path().substring(PREFIX.length());
    switch (method) {
      case "Search", "SearchTags", "SearchTagsV2", "SearchTagValues", "SearchTagValuesV2" -> {
        // Answered below.
      }
      case "MetricsQueryRange", "MetricsQueryInstant" -> {
        return GrpcWire.trailersOnly(
            GrpcCode.UNIMPLEMENTED,
            "TraceQL metrics queries are not supported: " + SERVICE_NAME + "/" + method);
      }
      default -> {
        return GrpcWire.trailersOnly(
            GrpcCode.UNIMPLEMENTED, "unknown method " + method + " for service " + SERVICE_NAME);
      }
    }
    RequestHeaders headers = req.headers();
    return HttpResponse.of(
        GrpcWire.requestMessage(ctx, req)
            .handleAsync(
                (message, cause) -> {
                  try {
                    if (cause != null) {
                      throw cause;
                    }
                    return answer(ctx, headers, method, message);
                  } catch (Throwable t) {
                    return GrpcWire.trailersOnly(GrpcErrors.toStatus(method, t));
                  }
                },
                ctx.blockingTaskExecutor()));
  }

  /** Runs on a blocking thread. */
  private HttpResponse answer(
      ServiceRequestContext ctx, RequestHeaders headers, String method, byte[] message) {
    List<String> tenants = tenancy.queryTenantsOf(orgId(headers));
    if (method.equals("Search")) {
      SearchRequest request =
          GrpcSearchRequests.toSearch(
              GrpcWire.parse(message, dev.vivace.tempopb.SearchRequest.parser()), limits);
      return search(ctx, tenants, request, deadline(headers.get(GrpcHeaderNames.GRPC_TIMEOUT)));
    }
    TagService.Call call =
        new TagService.Call(
            tenants,
            deadline(headers.get(GrpcHeaderNames.GRPC_TIMEOUT)),
            ctx.whenRequestCancelling());
    return tags.answer(method, call, message, maxMessageBytes);
  }

  /**
   * Starts {@code request} on a blocking thread and returns its response stream at once: headers
   * now, messages as results arrive, trailers at the end.
   */
  private HttpResponse search(
      ServiceRequestContext ctx, List<String> tenants, SearchRequest request, Duration deadline) {
    HttpResponseWriter writer = HttpResponse.streaming();
    writer.write(GrpcWire.headers());
    SearchStream stream = new SearchStream(writer, maxMessageBytes);
    long interval = flushInterval.toNanos();
    ScheduledFuture<?> ticker =
        ctx.blockingTaskExecutor()
            .scheduleAtFixedRate(stream::flush, interval, interval, TimeUnit.NANOSECONDS);
    Future<?> running =
        ctx.blockingTaskExecutor()
            .submit(
                () -> {
                  try {
                    SearchResult result = engine.search(tenants, request, deadline, stream);
                    ticker.cancel(false);
                    stream.finish(result, deadline);
                  } catch (RuntimeException e) {
                    ticker.cancel(false);
                    if (!stream.isClosed()) {
                      stream.fail(GrpcErrors.toStatus("Search", e));
                    }
                  } catch (Error e) {
                    ticker.cancel(false);
                    stream.fail(
                        new ArmeriaStatusException(
                            GrpcCode.INTERNAL, "internal error: " + e.getClass().getSimpleName()));
                    throw e;
                  }
                });
    // The client cancelled, or the call timed out: stop the search and send nothing more.
    var unused =
        writer
            .whenComplete()
            .handle(
                (ok, cause) -> {
                  if (cause != null) {
                    stream.cancel();
                    ticker.cancel(false);
                    running.cancel(true);
                  }
                  return null;
                });
    return writer;
  }

  /**
   * The tenant header of a gRPC call: dskit takes {@code x-scope-orgid} only when it is present
   * exactly once.
   */
  private static @Nullable String orgId(RequestHeaders headers) {
    List<String> values = headers.getAll(Tenants.ORG_ID_HEADER);
    return values.size() == 1 ? values.get(0) : null;
  }

  /** How long the call may search: the configured timeout, or the client's deadline if sooner. */
  private Duration deadline(@Nullable String grpcTimeout) {
    Duration client = GrpcWire.parseTimeout(grpcTimeout);
    return client != null && client.compareTo(timeout) < 0 ? client : timeout;
  }
}
