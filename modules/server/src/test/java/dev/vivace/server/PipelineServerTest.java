package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.tempopb.Trace;
import dev.vivace.testing.TempoFixtures;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces through the write-ahead log, into blocks, across restarts, next to Tempo's blocks. */
class PipelineServerTest {

  @TempDir Path data;

  VivaceServer start(boolean flushOnShutdown) {
    VivaceServer server =
        VivaceServer.create(
            InProcess.config(data).with(ConfigKeys.FLUSH_ALL_ON_SHUTDOWN, flushOnShutdown));
    server.start();
    return server;
  }

  static String send(VivaceServer server, String service) {
    return VivaceServerTest.sendTrace(
        OtlpHttpSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + server.otlpHttpPort() + "/v1/traces")
            .build(),
        service);
  }

  static int spans(VivaceServer server, String traceId) throws IOException {
    AggregatedHttpResponse res =
        BlockingWebClient.of("http://127.0.0.1:" + server.queryPort())
            .execute(
                RequestHeaders.builder(HttpMethod.GET, "/api/traces/" + traceId)
                    .add("accept", "application/protobuf")
                    .build());
    if (res.status().code() == 404) {
      return 0;
    }
    assertThat(res.status().code()).isEqualTo(200);
    Trace trace = Trace.parseFrom(res.content().array());
    return trace.getResourceSpansList().stream()
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .mapToInt(ss -> ss.getSpansCount())
        .sum();
  }

  long metaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve("blocks"))) {
      return files.filter(f -> f.getFileName().toString().equals("meta.json")).count();
    }
  }

  @Test
  void flushWritesBlocksThatSurviveARestart() throws IOException {
    VivaceServer server = start(false);
    String traceId = send(server, "flushed");
    AggregatedHttpResponse flush =
        BlockingWebClient.of("http://127.0.0.1:" + server.queryPort())
            .execute(RequestHeaders.builder(HttpMethod.POST, "/flush").build());
    assertThat(flush.status().code()).isEqualTo(204);
    assertThat(metaFiles()).isEqualTo(1);
    assertThat(spans(server, traceId)).isEqualTo(2);
    server.close();

    VivaceServer again = start(false);
    assertThat(spans(again, traceId)).isEqualTo(2);
    again.close();
  }

  @Test
  void unflushedSpansComeBackFromTheWriteAheadLog() throws IOException {
    VivaceServer server = start(false);
    String traceId = send(server, "replayed");
    server.close();
    assertThat(metaFiles()).isZero();

    VivaceServer again = start(true);
    assertThat(spans(again, traceId)).isEqualTo(2);
    again.close();
    // flush_all_on_shutdown wrote the replayed trace to a block.
    assertThat(metaFiles()).isEqualTo(1);
    VivaceServer third = start(false);
    assertThat(spans(third, traceId)).isEqualTo(2);
    third.close();
  }

  @Test
  void aBucketWithTempoAndVivaceBlocksAnswersBoth() throws IOException {
    copyFixtureBlock(TempoFixtures.vparquet4Block());
    VivaceServer server = start(true);
    String ours = send(server, "ours");
    server.close();

    VivaceServer again = start(false);
    // The first trace of the fixture block (spec appendix A): 4 spans.
    assertThat(spans(again, "000000000000000000474be8b43449fb")).isEqualTo(4);
    assertThat(spans(again, "474be8b43449fb")).isEqualTo(4);
    assertThat(spans(again, ours)).isEqualTo(2);
    again.close();
  }

  @Test
  void aTempoVParquet3BlockIsReadToo() throws IOException {
    Path block =
        copyFixtureBlock(
            TempoFixtures.vparquet4BackendRoot()
                .getParent()
                .getParent()
                .resolve(Path.of("vparquet3", "test-data", TempoFixtures.VPARQUET4_TENANT))
                .resolve(TempoFixtures.VPARQUET4_BLOCK_ID));
    assertThat(Files.readString(block.resolve("meta.json"))).contains("\"vParquet3\"");
    VivaceServer server = start(false);
    assertThat(spans(server, "000000000000000000474be8b43449fb")).isEqualTo(4);
    server.close();
  }

  /** Copies a fixture block (Tempo's test block ID and tenant) into the server's storage. */
  private Path copyFixtureBlock(Path source) throws IOException {
    Path block =
        data.resolve("blocks")
            .resolve(TempoFixtures.VPARQUET4_TENANT)
            .resolve(TempoFixtures.VPARQUET4_BLOCK_ID);
    Files.createDirectories(block);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, block.resolve(f.getFileName()));
      }
    }
    return block;
  }
}
