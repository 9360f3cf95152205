package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.tempopb.PartialStatus;
import dev.vivace.tempopb.Trace;
import dev.vivace.tempopb.TraceByIDResponse;
import dev.vivace.tenant.Tenants;
import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.otlp.OtlpRequests;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One of two blocks holding a trace is corrupt: lookups answer with what the other block and the
 * live traces hold, say the answer is partial, and the block is counted and logged once.
 */
class CorruptBlockLookupTest {

  static final String SHARED = "000000000000000000000000000000a1";
  static final String ONLY_IN_CORRUPT = "000000000000000000000000000000b2";

  @TempDir Path data;

  @Test
  void theOtherSourcesAnswerAndTheBlockIsReportedOnce() throws Exception {
    ObjectStore blocks = LocalObjectStore.of(data.resolve("blocks"));
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(blocks).build();
    writer.write(
        Tenants.SINGLE_TENANT,
        UUID.randomUUID(),
        List.of(new BlockTrace(TraceId.parse(SHARED), batch(SHARED, 1, "in-good-block"))));
    BlockMeta bad =
        writer.write(
            Tenants.SINGLE_TENANT,
            UUID.randomUUID(),
            List.of(
                new BlockTrace(TraceId.parse(SHARED), batch(SHARED, 2, "in-bad-block")),
                new BlockTrace(
                    TraceId.parse(ONLY_IN_CORRUPT), batch(ONLY_IN_CORRUPT, 3, "only-in-bad"))));
    // Garble every column chunk; the footer stays, so the file still looks like Parquet.
    String dataKey = Tenants.SINGLE_TENANT + "/" + bad.blockId() + "/data.parquet";
    byte[] parquet = blocks.get(dataKey);
    Arrays.fill(parquet, 4, parquet.length - bad.footerSize() - 8, (byte) 0x55);
    blocks.put(dataKey, parquet);

    VivaceServer server = VivaceServer.create(InProcess.config(data));
    server.start();
    try (LogCapture logs = LogCapture.start()) {
      BlockingWebClient otlp = BlockingWebClient.of("http://127.0.0.1:" + server.otlpHttpPort());
      assertThat(
              otlp.execute(
                      RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                          .contentType(MediaType.parse("application/x-protobuf"))
                          .build(),
                      OtlpRequests.request("live", List.of(span(SHARED, 4, "in-memory")))
                          .toByteArray())
                  .status()
                  .code())
          .isEqualTo(200);
      BlockingWebClient query = BlockingWebClient.of("http://127.0.0.1:" + server.queryPort());

      for (int i = 0; i < 3; i++) {
        TraceByIDResponse v2 = TraceByIDResponse.parseFrom(get(query, "/api/v2/traces/" + SHARED));
        assertThat(LookupDuringFlushTest.spanIds(v2.getTrace()))
            .containsExactlyInAnyOrder(spanId(1), spanId(4));
        assertThat(v2.getStatus()).isEqualTo(PartialStatus.PARTIAL);
        assertThat(v2.getMessage())
            .isEqualTo(
                "Some blocks could not be read, a partial trace is returned: block "
                    + bad.blockId()
                    + " is corrupt (data.parquet)");
      }
      AggregatedHttpResponse json =
          query.execute(
              RequestHeaders.builder(HttpMethod.GET, "/api/v2/traces/" + SHARED)
                  .add("accept", "application/json")
                  .build());
      assertThat(json.status().code()).isEqualTo(200);
      assertThat(json.contentUtf8())
          .contains("\"status\":\"PARTIAL\"")
          .contains("block " + bad.blockId() + " is corrupt");

      // v1 has no partial status: what was found is returned.
      AggregatedHttpResponse v1 = execute(query, "/api/traces/" + SHARED);
      assertThat(v1.status().code()).isEqualTo(200);
      assertThat(LookupDuringFlushTest.spanIds(Trace.parseFrom(v1.content().array())))
          .containsExactlyInAnyOrder(spanId(1), spanId(4));

      // Found nowhere else: v2 an empty partial trace, v1 an error rather than "not found".
      TraceByIDResponse missing =
          TraceByIDResponse.parseFrom(get(query, "/api/v2/traces/" + ONLY_IN_CORRUPT));
      assertThat(missing.hasTrace()).isTrue();
      assertThat(missing.getTrace().getResourceSpansCount()).isZero();
      assertThat(missing.getStatus()).isEqualTo(PartialStatus.PARTIAL);
      AggregatedHttpResponse v1Missing = execute(query, "/api/traces/" + ONLY_IN_CORRUPT);
      assertThat(v1Missing.status().code()).isEqualTo(503);
      assertThat(v1Missing.contentUtf8())
          .isEqualTo(
              "trace lookup incomplete, the trace may be in data that could not be read: block "
                  + bad.blockId()
                  + " is corrupt (data.parquet)\n");

      assertThat(query.get("/metrics").contentUtf8())
          .contains("vivace_query_block_read_failures_total{reason=\"corrupt\"} 1.0")
          .contains("vivace_query_block_read_failures_total{reason=\"storage\"} 0.0");
      List<String> warnings = new ArrayList<>();
      for (String line : logs.lines()) {
        if (line.startsWith("WARN dev.vivace.block.list.BlockTraceFinder")) {
          warnings.add(line);
        }
        assertThat(line)
            .doesNotStartWith("WARN org.apache.parquet")
            .doesNotContain("in-bad-block", "only-in-bad", "in-good-block");
      }
      assertThat(warnings)
          .singleElement()
          .asString()
          .contains(Tenants.SINGLE_TENANT + "/" + bad.blockId() + " is corrupt (data.parquet)")
          .contains("corrupt object " + dataKey + ": cannot decode Parquet");
    } finally {
      server.close();
    }
  }

  static byte[] get(BlockingWebClient query, String path) {
    AggregatedHttpResponse res = execute(query, path);
    assertThat(res.status().code()).as(path).isEqualTo(200);
    return res.content().array();
  }

  static AggregatedHttpResponse execute(BlockingWebClient query, String path) {
    return query.execute(
        RequestHeaders.builder(HttpMethod.GET, path).add("accept", "application/protobuf").build());
  }

  static List<ResourceSpans> batch(String traceHex, long spanId, String name) {
    return OtlpRequests.request("stored", List.of(span(traceHex, spanId, name)))
        .getResourceSpansList();
  }

  static Span span(String traceHex, long spanId, String name) {
    return OtlpRequests.span(OtlpRequests.traceId(traceHex), spanId(spanId), name).build();
  }

  static ByteString spanId(long id) {
    return OtlpRequests.spanId(id);
  }
}
