package dev.vivace.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import dev.vivace.ingester.IngestLimits;
import dev.vivace.tenant.Tenancy;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gRPC framing, size limits and status codes, with a raw HTTP/2 client. */
class OtlpGrpcServiceTest {

  @RegisterExtension
  static final OtlpServer server =
      new OtlpServer(Tenancy.MULTI, new IngestLimits(4000, 0), 16 * 1024, 64 * 1024);

  static byte[] frame(boolean compressed, byte[] message) {
    return ByteBuffer.allocate(message.length + 5)
        .put((byte) (compressed ? 1 : 0))
        .putInt(message.length)
        .put(message)
        .array();
  }

  AggregatedHttpResponse call(byte[] body, String... headers) {
    var h =
        RequestHeaders.builder(HttpMethod.POST, OtlpGrpcService.PATH)
            .contentType(MediaType.parse("application/grpc"));
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return WebClient.of(server.uri(SessionProtocol.H2C))
        .execute(HttpRequest.of(h.build(), HttpData.wrap(body)))
        .aggregate()
        .join();
  }

  static String grpcStatus(AggregatedHttpResponse res) {
    String inHeaders = res.headers().get("grpc-status");
    return inHeaders != null ? inHeaders : res.trailers().get("grpc-status");
  }

  @Test
  void exportAnswersEmptyPartialSuccess() throws Exception {
    byte[] req = OtlpHttpServiceTest.request(1, "a", 8).toByteArray();
    AggregatedHttpResponse res = call(frame(false, req), "x-scope-orgid", "t1");
    assertThat(grpcStatus(res)).isEqualTo("0");
    byte[] body = res.content().array();
    assertThat(
            ExportTraceServiceResponse.parseFrom(ByteBuffer.wrap(body, 5, body.length - 5))
                .hasPartialSuccess())
        .isTrue();
  }

  @Test
  void gzipFrames() throws Exception {
    byte[] req = OtlpHttpServiceTest.gzip(OtlpHttpServiceTest.request(2, "a", 8).toByteArray());
    AggregatedHttpResponse res =
        call(frame(true, req), "x-scope-orgid", "t1", "grpc-encoding", "gzip");
    assertThat(grpcStatus(res)).isEqualTo("0");

    res = call(frame(true, req), "x-scope-orgid", "t1", "grpc-encoding", "snappy");
    assertThat(grpcStatus(res)).isEqualTo("12");
  }

  @Test
  void statusCodes() {
    // Missing tenant in multi-tenant mode.
    assertThat(grpcStatus(call(frame(false, OtlpHttpServiceTest.request(3, "a", 8).toByteArray()))))
        .isEqualTo("16");
    // Malformed protobuf.
    AggregatedHttpResponse res =
        call(frame(false, new byte[] {(byte) 0xff, 1}), "x-scope-orgid", "t");
    assertThat(grpcStatus(res)).isEqualTo("3");
    assertThat(res.headers().get("grpc-message"))
        .startsWith("failed to unmarshal ExportTraceServiceRequest");
    // Over the message size limit.
    res = call(frame(false, new byte[20 * 1024]), "x-scope-orgid", "t");
    assertThat(grpcStatus(res)).isEqualTo("8");
    // All spans refused by limits.
    res =
        call(
            frame(false, OtlpHttpServiceTest.request(4, "y".repeat(5000), 8).toByteArray()),
            "x-scope-orgid",
            "t");
    assertThat(grpcStatus(res)).isEqualTo("8");
    assertThat(res.headers().get("grpc-message")).startsWith("TRACE_TOO_LARGE: ");
    // Bad tenant.
    res =
        call(
            frame(false, OtlpHttpServiceTest.request(5, "a", 8).toByteArray()),
            "x-scope-orgid",
            "a#b");
    assertThat(grpcStatus(res)).isEqualTo("3");
    assertThat(res.headers().get("grpc-message"))
        .isEqualTo("tenant ID 'a#b' contains unsupported character '#'");
  }
}
