package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.tempopb.Trace;
import dev.vivace.testing.otlp.OtlpRequests;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server compacts the blocks it finds every compaction cycle; lookups read the output. */
class CompactionServerTest {

  static final String TENANT = "single-tenant";
  static final String TRACE = "0000000000000000000000000000c0de";

  @TempDir Path data;

  static BlockTrace half(int span, Instant at) {
    long nanos = at.getEpochSecond() * 1_000_000_000L;
    Span s =
        OtlpRequests.span(OtlpRequests.traceId(TRACE), OtlpRequests.spanId(span), "op-" + span)
            .setStartTimeUnixNano(nanos)
            .setEndTimeUnixNano(nanos + 1_000)
            .build();
    return new BlockTrace(
        TraceId.parse(TRACE), OtlpRequests.request("svc", List.of(s)).getResourceSpansList());
  }

  static List<BlockMeta> live(ObjectStore store) {
    return store.list(TENANT + "/").stream()
        .filter(k -> k.endsWith("/" + BlockMetaJson.META_OBJECT))
        .map(k -> BlockMetaJson.parse(store.get(k)))
        .toList();
  }

  @Test
  void twoBlocksOfOneTraceBecomeOne() throws InterruptedException {
    ObjectStore store = LocalObjectStore.of(data.resolve("blocks"));
    Instant at = Instant.now().minus(Duration.ofMinutes(10));
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(store).tempDir(data).build();
    writer.write(TENANT, UUID.randomUUID(), List.of(half(1, at)));
    writer.write(TENANT, UUID.randomUUID(), List.of(half(2, at)));

    try (VivaceServer server =
        VivaceServer.create(
            InProcess.config(data)
                .with(ConfigKeys.COMPACTION_CYCLE, Duration.ofMillis(200))
                .with(ConfigKeys.BLOCKLIST_POLL, Duration.ofMillis(200)))) {
      server.start();
      // Wait for the compaction, however long the machine takes.
      for (int i = 0; i < 600 && live(store).size() != 1; i++) {
        Thread.sleep(100);
      }
      List<BlockMeta> live = live(store);
      assertThat(live).hasSize(1);
      assertThat(live.get(0).compactionLevel()).isEqualTo(1);
      assertThat(live.get(0).totalObjects()).isEqualTo(1);

      BlockingWebClient query = BlockingWebClient.of("http://127.0.0.1:" + server.queryPort());
      byte[] body =
          query
              .execute(
                  RequestHeaders.builder(HttpMethod.GET, "/api/traces/" + TRACE)
                      .add("accept", "application/protobuf")
                      .build())
              .content()
              .array();
      Trace trace = parse(body);
      assertThat(
              trace.getResourceSpansList().stream()
                  .flatMap(rs -> rs.getScopeSpansList().stream())
                  .mapToInt(ss -> ss.getSpansCount())
                  .sum())
          .isEqualTo(2);
    }
  }

  private static Trace parse(byte[] body) {
    try {
      return Trace.parseFrom(body);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
