package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VParquet4BlockReaderTest {

  static final String BLOCK =
      TempoFixtures.VPARQUET4_TENANT + "/" + TempoFixtures.VPARQUET4_BLOCK_ID + "/";

  private final ObjectStore fixture = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
  private final BlockMeta meta = BlockMetaJson.parse(fixture.get(BLOCK + "meta.json"));

  @Test
  void findsEveryFixtureTraceWithItsSpanCount() {
    VParquet4BlockReader reader = VParquet4BlockReader.of(fixture, meta);
    int total = 0;
    for (FixtureTraces t : FixtureTraces.all()) {
      TraceLookup lookup = reader.find(t.traceId());
      List<ResourceSpans> batches = lookup.fragments();

      assertThat(Traces.spanCount(batches)).as(t.traceId().toHex()).isEqualTo(t.spans());
      assertThat(batches).as(t.traceId().toHex()).hasSize(t.resourceSpans());
      List<Span> spans = spans(batches);
      assertThat(spans)
          .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(t.traceId().toByteString()));
      long start = spans.stream().mapToLong(Span::getStartTimeUnixNano).min().orElseThrow();
      long end = spans.stream().mapToLong(Span::getEndTimeUnixNano).max().orElseThrow();
      assertThat(start).isEqualTo(t.startTimeUnixNano());
      assertThat(end - start).isEqualTo(t.durationNano());
      assertThat(spans.stream().filter(s -> s.getParentSpanId().isEmpty()).map(Span::getName))
          .containsExactly(t.rootSpanName());
      total += spans.size();
    }
    assertThat(total).isEqualTo(570);
  }

  @Test
  void absentIdsAreNotFound() {
    VParquet4BlockReader reader = VParquet4BlockReader.of(fixture, meta);
    Random random = new Random(7);
    for (int i = 0; i < 100; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      assertThat(reader.find(TraceId.of(id)).isEmpty()).isTrue();
    }
    assertThat(reader.find(TraceId.parse("474be8b43449fc")).isEmpty()).isTrue();
    assertThat(reader.find(TraceId.parse("ffffffffffffffffffffffffffffffff")).isEmpty()).isTrue();
  }

  @Test
  void parquetScanRejectsIdsThatPassTheBloom() {
    // Bypass the bloom filter and the index: the row-group scan itself must not match.
    ParquetTraceLookup scan =
        new ParquetTraceLookup(
            fixture,
            BLOCK + "data.parquet",
            meta,
            DedicatedColumnMapping.of(meta.dedicatedColumns()),
            new AtomicLong(),
            true,
            null);

    assertThat(scan.find(TraceId.parse("474be8b43449fc").toByteArray(), -1)).isEmpty();
    assertThat(scan.find(TraceId.parse("474be8b43449fc").toByteArray(), 0)).isEmpty();
    assertThat(scan.find(TraceId.parse("474be8b43449fb").toByteArray(), -1)).hasSize(4);
  }

  @Test
  void decodesWellKnownDedicatedAndGenericAttributes() {
    List<ResourceSpans> batches =
        VParquet4BlockReader.of(fixture, meta).find(TraceId.parse("474be8b43449fb")).fragments();
    ResourceSpans frontend =
        batches.stream()
            .filter(
                rs ->
                    attrs(rs.getResource().getAttributesList())
                        .get("service.name")
                        .equals("frontend"))
            .findFirst()
            .orElseThrow();
    Span root = frontend.getScopeSpans(0).getSpans(0);

    assertThat(attrs(frontend.getResource().getAttributesList()))
        .containsEntry("ip", "172.26.0.5")
        .containsKeys("host.name", "opencensus.exporterversion");
    assertThat(root.getName()).isEqualTo("/cart");
    assertThat(TraceId.hex(root.getSpanId().toByteArray())).isEqualTo("00474be8b43449fb");
    assertThat(root.getParentSpanId().isEmpty()).isTrue();
    assertThat(root.getStartTimeUnixNano()).isEqualTo(1656933075179000000L);
    assertThat(root.getEndTimeUnixNano() - root.getStartTimeUnixNano()).isEqualTo(420_000_000L);
    assertThat(root.hasStatus()).isTrue();
    assertThat(attrs(root.getAttributesList()))
        .containsEntry("sampler.param", "true")
        .containsEntry("instance", "frontend-6b654dbf57-zq8dt")
        .containsEntry("version", "v125")
        .containsEntry("region", "us-east-1")
        .containsEntry("sampler.type", "const")
        .containsEntry("http.method", "GET")
        .containsEntry("http.url", "http://frontend/cart");
    assertThat(root.getAttributesList().stream().map(KeyValue::getKey))
        .containsExactly(
            "sampler.param",
            "instance",
            "version",
            "region",
            "sampler.type",
            "http.method",
            "http.url");
    assertThat(batches)
        .allSatisfy(
            rs ->
                assertThat(rs.getScopeSpansList())
                    .allSatisfy(ss -> assertThat(ss.hasScope()).isTrue()));
  }

  @Test
  void readsOnlyTheBloomIndexFooterAndNeededColumnChunks() {
    CountingObjectStore counting = new CountingObjectStore(fixture);
    TraceLookup lookup =
        VParquet4BlockReader.of(counting, meta).find(TraceId.parse("474be8b43449fb"));

    assertThat(counting.reads.get(0)).isEqualTo("get bloom-0");
    assertThat(counting.reads.get(1)).isEqualTo("get index");
    assertThat(counting.reads.get(2)).isEqualTo("range data.parquet 59468+17719"); // footer + 8
    assertThat(counting.reads).noneMatch(r -> r.startsWith("get data.parquet"));
    long parquetBytes = counting.bytes - 102_424 - 42 - 17_719;
    // Small reads go through a read-ahead window: this small file's column data takes one or two
    // requests instead of one per page header.
    assertThat(parquetBytes).isPositive().isLessThan(2 * 59_468);
    assertThat(counting.reads.stream().filter(r -> r.startsWith("range data.parquet")).count())
        .isLessThanOrEqualTo(4);
    assertThat(lookup.inspectedBytes()).isEqualTo(counting.bytes);
  }

  @Test
  void aNegativeBloomReadsNothingElse() {
    CountingObjectStore counting = new CountingObjectStore(fixture);
    VParquet4BlockReader.of(counting, meta).find(TraceId.parse("474be8b43449fc"));

    assertThat(counting.reads).containsExactly("get bloom-0");
  }

  @Test
  void runsWithoutHadoop() {
    assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void rejectsOtherFormats() {
    BlockMeta v2 =
        new BlockMeta(
            "vParquet2",
            meta.blockId(),
            meta.tenantId(),
            meta.startTime(),
            meta.endTime(),
            meta.totalObjects(),
            meta.size(),
            0,
            meta.encoding(),
            0,
            1,
            "",
            1,
            0,
            List.of(),
            0);
    assertThatThrownBy(() -> VParquet4BlockReader.of(fixture, v2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("format: vParquet2 (expected: vParquet4 or vParquet3)");
  }

  static List<Span> spans(List<ResourceSpans> batches) {
    return batches.stream()
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .flatMap(ss -> ss.getSpansList().stream())
        .collect(Collectors.toList());
  }

  static Map<String, String> attrs(List<KeyValue> kvs) {
    return kvs.stream()
        .collect(
            Collectors.toMap(
                KeyValue::getKey,
                kv ->
                    kv.getValue().hasStringValue()
                        ? kv.getValue().getStringValue()
                        : kv.getValue().hasBoolValue()
                            ? Boolean.toString(kv.getValue().getBoolValue())
                            : kv.getValue().toString(),
                (a, b) -> b));
  }
}
