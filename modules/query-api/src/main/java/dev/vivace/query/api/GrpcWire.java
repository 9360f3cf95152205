package dev.vivace.query.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.grpc.protocol.ArmeriaMessageDeframer;
import com.linecorp.armeria.common.grpc.protocol.ArmeriaStatusException;
import com.linecorp.armeria.common.grpc.protocol.Decompressor;
import com.linecorp.armeria.common.grpc.protocol.DeframedMessage;
import com.linecorp.armeria.common.grpc.protocol.GrpcHeaderNames;
import com.linecorp.armeria.common.grpc.protocol.StatusMessageEscaper;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The gRPC wire format of a server-streaming call over HTTP/2: the one request message (gzip or
 * plain), framed response messages, and the status in trailers.
 */
final class GrpcWire {

  /** gRPC's default largest message: 4 MiB. Requests are far smaller. */
  static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  private static final MediaType GRPC = MediaType.parse("application/grpc");
  private static final String ACCEPT_ENCODING = "gzip,identity";

  private static final Decompressor GZIP =
      new Decompressor() {
        @Override
        public String getMessageEncoding() {
          return "gzip";
        }

        @Override
        public InputStream decompress(InputStream in) throws IOException {
          return new GZIPInputStream(in);
        }
      };

  /**
   * Reads the single message of a call's request. Completes with an {@link ArmeriaStatusException}
   * when the body is not one well-formed message, or uses a compression other than gzip.
   */
  static CompletableFuture<byte[]> requestMessage(ServiceRequestContext ctx, HttpRequest req) {
    ArmeriaMessageDeframer deframer = new ArmeriaMessageDeframer(MAX_REQUEST_BYTES);
    String encoding = req.headers().get(GrpcHeaderNames.GRPC_ENCODING);
    if (encoding != null && !encoding.equals("identity")) {
      if (!encoding.equals("gzip")) {
        req.abort();
        return CompletableFuture.failedFuture(
            new ArmeriaStatusException(
                GrpcCode.UNIMPLEMENTED,
                "grpc: Decompressor is not installed for grpc-encoding \"" + encoding + "\""));
      }
      deframer.decompressor(GZIP);
    }
    return req.decode(deframer, ctx.alloc()).collect().thenApply(GrpcWire::single);
  }

  private static byte[] single(List<DeframedMessage> messages) {
    try {
      if (messages.size() != 1) {
        throw new ArmeriaStatusException(
            GrpcCode.INVALID_ARGUMENT,
            "exactly one request message expected, received " + messages.size());
      }
      DeframedMessage message = messages.get(0);
      io.netty.buffer.ByteBuf buf = message.buf();
      if (buf != null) {
        return ByteBufUtil.getBytes(buf);
      }
      InputStream stream = message.stream();
      if (stream == null) {
        throw new ArmeriaStatusException(GrpcCode.INTERNAL, "empty request message");
      }
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } finally {
      messages.forEach(DeframedMessage::close);
    }
  }

  /** {@code message} parsed by {@code parser}, or INVALID_ARGUMENT as grpc-go words it. */
  static <T> T parse(byte[] message, Parser<T> parser) {
    try {
      return parser.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      throw new ArmeriaStatusException(
          GrpcCode.INVALID_ARGUMENT, "grpc: error unmarshalling request: " + e.getMessage());
    }
  }

  /** The headers that open a successful call. */
  static ResponseHeaders headers() {
    return ResponseHeaders.builder(HttpStatus.OK)
        .contentType(GRPC)
        .add(GrpcHeaderNames.GRPC_ACCEPT_ENCODING, ACCEPT_ENCODING)
        .build();
  }

  /** One length-prefixed, uncompressed message. */
  static HttpData frame(byte[] message) {
    byte[] frame = new byte[message.length + 5];
    ByteBuffer.wrap(frame).put((byte) 0).putInt(message.length).put(message);
    return HttpData.wrap(frame);
  }

  /** The trailers that end a call that sent headers. */
  static HttpHeaders trailers(int code, @Nullable String message) {
    var trailers = HttpHeaders.builder().add(GrpcHeaderNames.GRPC_STATUS, Integer.toString(code));
    if (message != null) {
      trailers.add(GrpcHeaderNames.GRPC_MESSAGE, StatusMessageEscaper.escape(message));
    }
    return trailers.build();
  }

  /**
   * A call that ends before any message: one HEADERS frame carrying the status, which every gRPC
   * client reads as the call's status.
   */
  static HttpResponse trailersOnly(ArmeriaStatusException status) {
    return trailersOnly(status.getCode(), String.valueOf(status.getMessage()));
  }

  /** As {@link #trailersOnly(ArmeriaStatusException)}. */
  static HttpResponse trailersOnly(int code, String message) {
    return HttpResponse.of(
        ResponseHeaders.builder(HttpStatus.OK)
            .endOfStream(true)
            .contentType(GRPC)
            .add(GrpcHeaderNames.GRPC_ACCEPT_ENCODING, ACCEPT_ENCODING)
            .add(GrpcHeaderNames.GRPC_STATUS, Integer.toString(code))
            .add(GrpcHeaderNames.GRPC_MESSAGE, StatusMessageEscaper.escape(message))
            .build());
  }

  /**
   * The client's deadline from {@code grpc-timeout} (up to 8 digits and a unit of {@code H M S m u
   * n}), or null when absent or malformed.
   */
  static @Nullable Duration parseTimeout(@Nullable String value) {
    if (value == null || value.length() < 2 || value.length() > 9) {
      return null;
    }
    long amount = 0;
    for (int i = 0; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      amount = amount * 10 + (c - '0');
    }
    return switch (value.charAt(value.length() - 1)) {
      case 'H' -> Duration.ofHours(amount);
      case 'M' -> Duration.ofMinutes(amount);
      case 'S' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMillis(amount);
      case 'u' -> Duration.ofNanos(amount * 1000);
      case 'n' -> Duration.ofNanos(amount);
      default -> null;
    };
  }

  private GrpcWire() {}
}
