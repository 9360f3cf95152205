package dev.vivace.load;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.WebClientBuilder;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import io.netty.util.AsciiString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends OTLP export requests over gRPC or HTTP/protobuf, spread round-robin over a number of
 * connections (one client factory each, so each holds its own connection).
 */
final class OtlpSender implements AutoCloseable {

  static final String GRPC_PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
  static final String HTTP_PATH = "/v1/traces";
  static final MediaType X_PROTOBUF = MediaType.parse("application/x-protobuf");
  static final MediaType GRPC = MediaType.parse("application/grpc");
  static final AsciiString GRPC_STATUS = AsciiString.of("grpc-status");

  /** The server's answer: how many spans it refused in a partial success, or why it failed. */
  record Ack(long rejectedSpans, String error) {
    boolean ok() {
      return error.isEmpty();
    }
  }

  private final LoadOptions.Protocol protocol;
  private final List<ClientFactory> factories = new ArrayList<>();
  private final List<WebClient> webClients = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  OtlpSender(LoadOptions o) {
    this.protocol = o.protocol();
    for (int i = 0; i < o.connections(); i++) {
      ClientFactory f = ClientFactory.builder().build();
      factories.add(f);
      URI uri = o.otlpEndpoint();
      if (o.http1() && protocol == LoadOptions.Protocol.HTTP) {
        uri = URI.create(uri.toString().replaceFirst("^http:", "h1c:"));
      }
      WebClientBuilder b =
          WebClient.builder(uri)
              .factory(f)
              .responseTimeout(o.requestTimeout())
              .maxResponseLength(16 * 1024 * 1024);
      if (o.tenant() != null) {
        b.addHeader("X-Scope-OrgID", o.tenant());
      }
      WebClient client = b.build();
      webClients.add(client);
    }
  }

  CompletableFuture<Ack> send(ExportTraceServiceRequest request) {
    byte[] body = request.toByteArray();
    int i = Math.floorMod(next.getAndIncrement(), webClients.size());
    if (protocol == LoadOptions.Protocol.GRPC) {
      ByteBuffer framed = ByteBuffer.allocate(5 + body.length);
      framed.put((byte) 0).putInt(body.length).put(body);
      RequestHeaders grpc =
          RequestHeaders.builder(HttpMethod.POST, GRPC_PATH)
              .contentType(GRPC)
              .set(HttpHeaderNames.TE, "trailers")
              .build();
      return webClients
          .get(i)
          .execute(grpc, HttpData.wrap(framed.array()))
          .aggregate()
          .handle((res, t) -> t == null ? grpcAnswer(res) : new Ack(0, describe(t)));
    }
    RequestHeaders headers =
        RequestHeaders.builder(HttpMethod.POST, HTTP_PATH).contentType(X_PROTOBUF).build();
    return webClients
        .get(i)
        .execute(headers, HttpData.wrap(body))
        .aggregate()
        .handle((res, t) -> t == null ? httpAnswer(res) : new Ack(0, describe(t)));
  }

  private static Ack httpAnswer(AggregatedHttpResponse res) {
    if (!res.status().equals(HttpStatus.OK)) {
      return new Ack(0, "HTTP " + res.status().code());
    }
    return parse(res.content().array());
  }

  private static Ack parse(byte[] bytes) {
    try {
      ExportTraceServiceResponse r = ExportTraceServiceResponse.parseFrom(bytes);
      return new Ack(r.getPartialSuccess().getRejectedSpans(), "");
    } catch (InvalidProtocolBufferException e) {
      return new Ack(0, "unreadable response");
    }
  }

  /** Reads a unary gRPC answer: grpc-status in the trailers (or, trailers-only, the headers). */
  private static Ack grpcAnswer(AggregatedHttpResponse res) {
    if (!res.status().equals(HttpStatus.OK)) {
      return new Ack(0, "HTTP " + res.status().code());
    }
    String status = res.trailers().get(GRPC_STATUS);
    if (status == null) {
      status = res.headers().get(GRPC_STATUS);
    }
    if (status == null) {
      return new Ack(0, "no grpc-status");
    }
    if (!status.equals("0")) {
      return new Ack(0, "gRPC status " + status);
    }
    byte[] bytes = res.content().array();
    if (bytes.length < 5 || bytes[0] != 0) {
      return new Ack(0, "unreadable response");
    }
    int length = ByteBuffer.wrap(bytes, 1, 4).getInt();
    if (length != bytes.length - 5) {
      return new Ack(0, "unreadable response");
    }
    return parse(Arrays.copyOfRange(bytes, 5, bytes.length));
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
            || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  static String describe(Throwable t) {
    return unwrap(t).getClass().getSimpleName();
  }

  @Override
  public void close() {
    factories.forEach(ClientFactory::close);
  }
}
