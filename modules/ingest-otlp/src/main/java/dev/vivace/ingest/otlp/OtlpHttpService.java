package dev.vivace.ingest.otlp;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.vivace.tenant.Tenants;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP {@code POST /v1/traces} with {@code application/x-protobuf} or {@code application/json}
 * bodies, optionally gzip- or deflate-encoded. Answers carry an {@code ExportTraceServiceResponse}
 * or a {@code google.rpc.Status} in the encoding of the request.
 */
public final class OtlpHttpService implements HttpService {

  /** The OTLP/HTTP traces path. */
  public static final String PATH = "/v1/traces";

  /** The collector's default {@code max_request_body_size}: 20 MiB, after decompression. */
  public static final int DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

  private static final Logger logger = LoggerFactory.getLogger(OtlpHttpService.class);
  private static final MediaType PROTOBUF = MediaType.parse("application/x-protobuf");

  private final OtlpIngest ingest;
  private final int maxBodyBytes;
  private final RequestMemory memory;

  /**
   * Creates the service; bodies larger than {@code maxBodyBytes} get 413, and requests that do not
   * fit in {@code memory} get 503 with Retry-After.
   */
  public OtlpHttpService(OtlpIngest ingest, int maxBodyBytes, RequestMemory memory) {
    this.ingest = requireNonNull(ingest, "ingest");
    this.memory = requireNonNull(memory, "memory");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
    }
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The most bytes of body read for one request: the limit, since bodies may come uncompressed. */
  public long maxRequestLength() {
    return maxBodyBytes;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (req.method() != HttpMethod.POST) {
      return HttpResponse.of(
          HttpStatus.METHOD_NOT_ALLOWED,
          MediaType.PLAIN_TEXT_UTF_8,
          "405 method not allowed, supported: [POST]");
    }
    MediaType type = req.contentType();
    boolean json;
    if (type != null && type.is(MediaType.JSON)) {
      json = true;
    } else if (type != null && type.is(PROTOBUF)) {
      json = false;
    } else {
      return HttpResponse.of(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          MediaType.PLAIN_TEXT_UTF_8,
          "415 unsupported media type, supported: [application/json, application/x-protobuf]");
    }
    String encoding = req.headers().get(HttpHeaderNames.CONTENT_ENCODING);
    if (!Bodies.isSupported(encoding)) {
      return error(json, RpcCode.INVALID_ARGUMENT, "unsupported Content-Encoding: " + encoding);
    }
    ctx.setMaxRequestLength(maxRequestLength());
    RequestMemory.Reservation reserved = memory.open();
    HttpRequest counted;
    try {
      counted = Admission.counting(req, reserved, 0);
    } catch (IngestException e) {
      reserved.close();
      return error(json, e);
    }
    CompletableFuture<HttpResponse> response =
        counted
            .aggregate()
            .handleAsync(
                (agg, cause) -> {
                  try (reserved) {
                    return cause != null
                        ? failure(json, cause)
                        : handle(ctx, json, encoding, agg, reserved);
                  }
                },
                ctx.blockingTaskExecutor());
    return HttpResponse.of(response);
  }

  private HttpResponse handle(
      ServiceRequestContext ctx,
      boolean json,
      @Nullable String encoding,
      AggregatedHttpRequest req,
      RequestMemory.Reservation reserved) {
    ExportTraceServiceRequest request;
    try {
      byte[] content = req.content().array();
      long compressed = content.length;
      byte[] body =
          Bodies.decode(
              encoding,
              content,
              0,
              content.length,
              maxBodyBytes,
              "request body",
              inflated -> reserved.atLeast(compressed + RequestMemory.INFLATED_FACTOR * inflated));
      reserved.atLeast(reserved.held() + RequestMemory.DECODED_FACTOR * (long) body.length);
      request = json ? OtlpJson.parse(body) : ExportTraceServiceRequest.parseFrom(body);
    } catch (IngestException e) {
      return error(json, e);
    } catch (Bodies.TooLargeException e) {
      return tooLarge(json);
    } catch (InvalidProtocolBufferException e) {
      ingest.malformed("http");
      return error(
          json, RpcCode.INVALID_ARGUMENT, "failed to unmarshal request: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      ingest.malformed("http");
      return error(json, RpcCode.INVALID_ARGUMENT, requireNonNull(e.getMessage()));
    }
    if (!Admission.commit(ctx)) {
      return error(json, RpcCode.UNAVAILABLE, "the request timed out before it was stored");
    }
    try {
      ExportTraceServiceResponse response =
          ingest.export(req.headers().get(Tenants.ORG_ID_HEADER), request);
      return json
          ? HttpResponse.of(HttpStatus.OK, MediaType.JSON, OtlpJson.print(response))
          : HttpResponse.of(HttpStatus.OK, PROTOBUF, response.toByteArray());
    } catch (IngestException e) {
      return error(json, e);
    }
  }

  private HttpResponse failure(boolean json, Throwable cause) {
    Throwable peeled = Exceptions.peel(cause);
    if (peeled instanceof ContentTooLargeException) {
      return tooLarge(json);
    }
    if (peeled instanceof IngestException e) {
      return error(json, e);
    }
    logger.warn("Failed to read an OTLP/HTTP request", peeled);
    return error(json, RpcCode.INTERNAL, "failed to read the request");
  }

  private HttpResponse tooLarge(boolean json) {
    return error(
        json,
        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        RpcCode.RESOURCE_EXHAUSTED,
        "request body too large: more than " + maxBodyBytes + " bytes");
  }

  private static HttpResponse error(boolean json, IngestException e) {
    return error(
        json, e.code().httpStatus(), e.code(), requireNonNull(e.getMessage()), e.retryAfter());
  }

  private static HttpResponse error(boolean json, RpcCode code, String message) {
    return error(json, code.httpStatus(), code, message);
  }

  private static HttpResponse error(boolean json, HttpStatus status, RpcCode code, String message) {
    return error(json, status, code, message, Duration.ZERO);
  }

  private static HttpResponse error(
      boolean json, HttpStatus status, RpcCode code, String message, Duration retryAfter) {
    ResponseHeadersBuilder headers =
        ResponseHeaders.builder(status).contentType(json ? MediaType.JSON : PROTOBUF);
    if (!retryAfter.isZero()) {
      headers.add(HttpHeaderNames.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
    }
    return HttpResponse.of(
        headers.build(),
        json
            ? HttpData.ofUtf8(RpcStatus.toJson(code, message, retryAfter))
            : HttpData.wrap(RpcStatus.toProtobuf(code, message, retryAfter)));
  }
}
