package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.linecorp.armeria.client.BlockingWebClient;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.tempopb.SearchRequest;
import dev.vivace.tempopb.SearchResponse;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream_over_http_enabled}: Grafana's streaming health check reaches the gRPC querier on
 * the query port when it is on, and gets UNIMPLEMENTED when it is off; REST stays on the port.
 */
class StreamingQuerierServerTest {

  static final MethodDescriptor<SearchRequest, SearchResponse> SEARCH =
      MethodDescriptor.<SearchRequest, SearchResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
          .setFullMethodName("tempopb.StreamingQuerier/Search")
          .setRequestMarshaller(ProtoUtils.marshaller(SearchRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(SearchResponse.getDefaultInstance()))
          .build();

  @TempDir Path data;

  /** Grafana's check: {@code {}} over the last 15 minutes, limit 1. */
  static List<SearchResponse> healthCheck(int port) throws InterruptedException {
    long now = System.currentTimeMillis() / 1000;
    return search(
        port,
        SearchRequest.newBuilder()
            .setQuery("{}")
            .setStart((int) (now - 900))
            .setEnd((int) now)
            .setLimit(1)
            .build());
  }

  static List<SearchResponse> search(int port, SearchRequest request) throws InterruptedException {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      List<SearchResponse> out = new ArrayList<>();
      ClientCalls.blockingServerStreamingCall(
              channel, SEARCH, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request)
          .forEachRemaining(out::add);
      return out;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void servedOnTheQueryPortWhenEnabled() throws Exception {
    try (VivaceServer server =
        VivaceServer.create(
            InProcess.config(data).with(ConfigKeys.STREAM_OVER_HTTP_ENABLED, true))) {
      server.start();

      List<SearchResponse> messages = healthCheck(server.queryPort());

      assertThat(messages).isNotEmpty();
      assertThat(messages.get(0).hasMetrics()).isTrue();

      // A trace just sent is found in memory by a streaming search of recent data.
      String traceId;
      try (OtlpGrpcSpanExporter exporter =
          OtlpGrpcSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + server.otlpGrpcPort())
              .build()) {
        traceId = VivaceServerTest.sendTrace(exporter, "streamed");
      }
      List<String> found =
          search(
                  server.queryPort(),
                  SearchRequest.newBuilder()
                      .setQuery("{ resource.service.name = \"streamed\" }")
                      .build())
              .stream()
              .flatMap(m -> m.getTracesList().stream())
              .map(t -> t.getTraceID())
              .toList();
      assertThat(found).containsExactly(traceId.replaceFirst("^0+", ""));
      assertThat(
              BlockingWebClient.of("http://127.0.0.1:" + server.queryPort())
                  .get("/api/echo")
                  .contentUtf8())
          .isEqualTo("echo\n");
    }
  }

  @Test
  void unimplementedWhenDisabled() {
    try (VivaceServer server = VivaceServer.create(InProcess.config(data))) {
      server.start();

      StatusRuntimeException e =
          catchThrowableOfType(StatusRuntimeException.class, () -> healthCheck(server.queryPort()));

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    }
  }
}
