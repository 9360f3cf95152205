package dev.vivace.ingest.otlp;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/gRPC {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}: a raw unary gRPC
 * service that reads the frame itself, so it can decompress gzip, bound the message size and answer
 * with the status codes OTLP clients act on.
 */
public final class OtlpGrpcService implements HttpService {

  /** The gRPC method path of OTLP trace export. */
  public static final String PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

  /** gRPC's default largest received message: 4 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  private static final Logger logger = LoggerFactory.getLogger(OtlpGrpcService.class);
  private static final MediaType GRPC = MediaType.parse("application/grpc");

  private final OtlpIngest ingest;
  private final int maxMessageBytes;
  private final RequestMemory memory;

  /**
   * Creates the service; messages larger than {@code maxMessageBytes} get RESOURCE_EXHAUSTED, and
   * requests that do not fit in {@code memory} get UNAVAILABLE with RetryInfo.
   */
  public OtlpGrpcService(OtlpIngest ingest, int maxMessageBytes, RequestMemory memory) {
    this.ingest = requireNonNull(ingest, "ingest");
    this.memory = requireNonNull(memory, "memory");
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException(
          "maxMessageBytes: " + maxMessageBytes + " (expected: > 0)");
    }
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * The most bytes of body read for one request. Bodies up to four times the message limit are read
   * so that an oversized message gets gRPC's RESOURCE_EXHAUSTED rather than a bare HTTP 413; larger
   * ones are cut off by Armeria.
   */
  public long maxRequestLength() {
    return maxMessageBytes * 4L + 5;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (req.method() != HttpMethod.POST) {
      return HttpResponse.of(
          HttpStatus.METHOD_NOT_ALLOWED,
          MediaType.PLAIN_TEXT_UTF_8,
          "405 method not allowed, supported: [POST]");
    }
    MediaType contentType = req.contentType();
    if (contentType == null
        || !contentType.subtype().startsWith("grpc")
        || contentType.subtype().startsWith("grpc-web")) {
      return HttpResponse.of(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          MediaType.PLAIN_TEXT_UTF_8,
          "415 unsupported media type, supported: [application/grpc]");
    }
    ctx.setMaxRequestLength(maxRequestLength());
    RequestMemory.Reservation reserved = memory.open();
    HttpRequest counted;
    try {
      counted = Admission.counting(req, reserved, maxMessageBytes);
    } catch (IngestException e) {
      reserved.close();
      return status(e.code(), requireNonNull(e.getMessage()), e.retryAfter());
    }
    CompletableFuture<HttpResponse> response =
        counted
            .aggregate()
            .handleAsync(
                (agg, cause) -> {
                  try (reserved) {
                    return cause != null ? failure(cause) : handle(ctx, agg, reserved);
                  }
                },
                ctx.blockingTaskExecutor());
    return HttpResponse.of(response);
  }

  private HttpResponse handle(
      ServiceRequestContext ctx, AggregatedHttpRequest req, RequestMemory.Reservation reserved) {
    try {
      ExportTraceServiceRequest request = decode(req, reserved);
      if (!Admission.commit(ctx)) {
        return status(RpcCode.UNAVAILABLE, "the request timed out before it was stored");
      }
      String orgId = req.headers().get(Tenants.ORG_ID_HEADER);
      ExportTraceServiceResponse response = ingest.export(orgId, request);
      return ok(response.toByteArray());
    } catch (IngestException e) {
      return status(e.code(), requireNonNull(e.getMessage()), e.retryAfter());
    }
  }

  private ExportTraceServiceRequest decode(
      AggregatedHttpRequest req, RequestMemory.Reservation reserved) {
    byte[] frame = req.content().array();
    if (frame.length < 5) {
      ingest.malformed("grpc");
      throw new IngestException(RpcCode.INVALID_ARGUMENT, "incomplete gRPC frame");
    }
    ByteBuffer prefix = ByteBuffer.wrap(frame, 0, 5);
    byte flags = prefix.get();
    long length = prefix.getInt() & 0xFFFFFFFFL;
    if (length > maxMessageBytes) {
      throw new IngestException(RpcCode.RESOURCE_EXHAUSTED, tooLarge(length));
    }
    if (frame.length - 5 != length) {
      ingest.malformed("grpc");
      throw new IngestException(
          RpcCode.INVALID_ARGUMENT, "exactly one gRPC message expected in a unary call");
    }
    int size = (int) length;
    byte[] message = frame;
    int offset = 5;
    if ((flags & 1) != 0) {
      String encoding = req.headers().get("grpc-encoding");
      if (encoding == null || encoding.equals("identity") || !Bodies.isSupported(encoding)) {
        throw new IngestException(RpcCode.UNIMPLEMENTED, "Compression not supported: " + encoding);
      }
      try {
        message =
            Bodies.decode(
                encoding,
                frame,
                5,
                size,
                maxMessageBytes,
                "grpc: received message",
                inflated ->
                    reserved.atLeast(frame.length + RequestMemory.INFLATED_FACTOR * inflated));
      } catch (Bodies.TooLargeException e) {
        throw new IngestException(RpcCode.RESOURCE_EXHAUSTED, e.getMessage());
      } catch (IllegalArgumentException e) {
        ingest.malformed("grpc");
        throw new IngestException(RpcCode.INTERNAL, "grpc: failed to decompress the message");
      }
      offset = 0;
      size = message.length;
    }
    reserved.atLeast(reserved.held() + RequestMemory.DECODED_FACTOR * (long) size);
    try {
      return ExportTraceServiceRequest.parseFrom(ByteBuffer.wrap(message, offset, size));
    } catch (InvalidProtocolBufferException e) {
      ingest.malformed("grpc");
      throw new IngestException(
          RpcCode.INVALID_ARGUMENT,
          "failed to unmarshal ExportTraceServiceRequest: " + e.getMessage());
    }
  }

  private String tooLarge(long length) {
    return "grpc: received message larger than max (" + length + " vs. " + maxMessageBytes + ")";
  }

  private HttpResponse failure(Throwable cause) {
    Throwable peeled = Exceptions.peel(cause);
    if (peeled instanceof ContentTooLargeException) {
      return status(
          RpcCode.RESOURCE_EXHAUSTED,
          "grpc: received message larger than max (" + maxMessageBytes + " bytes)");
    }
    if (peeled instanceof IngestException e) {
      return status(e.code(), requireNonNull(e.getMessage()), e.retryAfter());
    }
    logger.warn("Failed to read an OTLP/gRPC request", peeled);
    return status(RpcCode.INTERNAL, "failed to read the request");
  }

  private static HttpResponse ok(byte[] message) {
    byte[] frame = new byte[message.length + 5];
    ByteBuffer.wrap(frame).put((byte) 0).putInt(message.length).put(message);
    ResponseHeaders headers =
        ResponseHeaders.builder(HttpStatus.OK)
            .contentType(GRPC)
            .add("grpc-accept-encoding", "gzip,identity")
            .build();
    return HttpResponse.of(headers, HttpData.wrap(frame), HttpHeaders.of("grpc-status", "0"));
  }

  /** A trailers-only response carrying the status. */
  static HttpResponse status(RpcCode code, String message) {
    return status(code, message, Duration.ZERO);
  }

  /**
   * A trailers-only response carrying the status and, when positive, a retry delay: one HEADERS
   * frame that ends the stream. gRPC clients (grpc-go, grpc-python) read a stream that ends later,
   * on an empty DATA frame, as "closed without trailers" and report INTERNAL or UNKNOWN, which
   * exporters do not retry.
   */
  static HttpResponse status(RpcCode code, String message, Duration retryAfter) {
    ResponseHeadersBuilder headers =
        ResponseHeaders.builder(HttpStatus.OK)
            .endOfStream(true)
            .contentType(GRPC)
            .add("grpc-status", Integer.toString(code.value()))
            .add("grpc-message", percentEncode(message))
            .add(HttpHeaderNames.of("grpc-accept-encoding"), "gzip,identity");
    if (!retryAfter.isZero()) {
      headers.add(
          "grpc-status-details-bin",
          Base64.getEncoder()
              .withoutPadding()
              .encodeToString(RpcStatus.toProtobuf(code, message, retryAfter)));
    }
    return HttpResponse.of(headers.build());
  }

  /** gRPC's percent-encoding of {@code grpc-message}: printable ASCII except '%' stays as is. */
  private static String percentEncode(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0x20 && b < 0x7f && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
