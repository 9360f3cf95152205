package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.DedicatedColumn;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column writer ({@link DataFileWriter}) writes exactly the bytes of the record-API writer it
 * replaced ({@link RecordDataFileWriter}): same pages, dictionaries, statistics, column and offset
 * indexes, row groups and footer, for realistic traces and for every odd shape a trace can take.
 */
class DataFileWriterCompatibilityTest {

  private static final List<DedicatedColumn> DEDICATED =
      List.of(
          DedicatedColumn.span("instance"),
          DedicatedColumn.span("db.system"),
          DedicatedColumn.resource("region"),
          DedicatedColumn.span("instance"));

  @TempDir Path dir;

  @Test
  void tempoFixtureTraces() throws IOException {
    ObjectStore fixture = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
    String block = TempoFixtures.VPARQUET4_TENANT + "/" + TempoFixtures.VPARQUET4_BLOCK_ID + "/";
    BlockMeta meta = BlockMetaJson.parse(fixture.get(block + "meta.json"));
    VParquet4BlockReader reader = VParquet4BlockReader.of(fixture, meta);
    List<BlockTrace> traces = new ArrayList<>();
    for (FixtureTraces t : FixtureTraces.all()) {
      traces.add(new BlockTrace(t.traceId(), reader.find(t.traceId()).fragments()));
    }
    assertSameFile(sorted(traces), meta.dedicatedColumns(), 100_000_000L);
  }

  @Test
  void searchDataInSeveralRowGroups() throws IOException {
    List<BlockTrace> traces = SearchData.traces(5, 400, 1_700_000_000_000_000_000L, 64);
    DataFileWriter.Result result = assertSameFile(traces, SearchData.DEDICATED, 200_000L);
    assertThat(result.rowGroupRowCounts()).hasSizeGreaterThan(2);
  }

  @Test
  void randomTraceShapes() throws IOException {
    for (int seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      List<BlockTrace> traces = new ArrayList<>();
      for (int t = 0; t < 150; t++) {
        traces.add(randomTrace(random, t));
      }
      assertSameFile(sorted(traces), DEDICATED, seed % 2 == 0 ? 100_000_000L : 30_000L);
    }
  }

  private DataFileWriter.Result assertSameFile(
      List<BlockTrace> traces, List<DedicatedColumn> dedicated, long rowGroupSize)
      throws IOException {
    DedicatedColumnMapping mapping = DedicatedColumnMapping.of(dedicated);
    Path columns = dir.resolve("columns.parquet");
    Path records = dir.resolve("records.parquet");
    DataFileWriter.Result written = DataFileWriter.write(columns, traces, mapping, rowGroupSize);
    DataFileWriter.Result reference =
        RecordDataFileWriter.write(records, traces, mapping, rowGroupSize);

    assertThat(written.rowGroupRowCounts()).isEqualTo(reference.rowGroupRowCounts());
    assertThat(written.rowGroupLastIds()).containsExactlyElementsOf(reference.rowGroupLastIds());
    assertThat(written.traceCount()).isEqualTo(reference.traceCount());
    assertThat(written.startTimeUnixNano()).isEqualTo(reference.startTimeUnixNano());
    assertThat(written.endTimeUnixNano()).isEqualTo(reference.endTimeUnixNano());
    assertThat(written.footerSize()).isEqualTo(reference.footerSize());
    byte[] actual = Files.readAllBytes(columns);
    byte[] expected = Files.readAllBytes(records);
    assertThat(Arrays.mismatch(actual, expected)).as("first differing byte").isEqualTo(-1);
    return written;
  }

  private static List<BlockTrace> sorted(List<BlockTrace> traces) {
    List<BlockTrace> out = new ArrayList<>(traces);
    out.sort(Comparator.comparing(t -> t.traceId().toByteArray(), Arrays::compareUnsigned));
    return out;
  }

  // ---- random traces: every shape the row mapping distinguishes ----

  private static final String[] KEYS = {
    "service.name",
    "cluster",
    "namespace",
    "k8s.pod.name",
    "http.method",
    "http.url",
    "http.status_code",
    "instance",
    "db.system",
    "region",
    "opentracing.ref_type",
    "a",
    "b",
    "z",
    "ünï",
    ""
  };

  private static BlockTrace randomTrace(Random random, int t) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    if (t % 10 == 0) {
      Arrays.fill(id, 0, 6, (byte) 0); // leading zeros in TraceIDText
    }
    TraceId traceId = TraceId.of(id);
    List<ResourceSpans> batches = new ArrayList<>();
    int resources = t % 25 == 0 ? 0 : 1 + random.nextInt(4);
    int spanNo = 1;
    for (int r = 0; r < resources; r++) {
      Resource resource =
          random.nextInt(3) == 0 && r > 0
              ? batches.get(0).getResource() // merged with the first (re-batching)
              : Resource.newBuilder()
                  .addAllAttributes(attributes(random, random.nextInt(6)))
                  .setDroppedAttributesCount(random.nextInt(3) == 0 ? random.nextInt(5) : 0)
                  .build();
      ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(resource);
      int scopes = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3);
      for (int s = 0; s < scopes; s++) {
        InstrumentationScope scope =
            InstrumentationScope.newBuilder()
                .setName(random.nextBoolean() ? "lib" : "lib-" + random.nextInt(3))
                .setVersion(random.nextBoolean() ? "" : "1." + random.nextInt(2))
                .addAllAttributes(attributes(random, random.nextInt(3)))
                .setDroppedAttributesCount(random.nextInt(4) == 0 ? 1 : 0)
                .build();
        ScopeSpans.Builder ss = ScopeSpans.newBuilder().setScope(scope);
        int spans = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(12);
        for (int k = 0; k < spans; k++, spanNo++) {
          ss.addSpans(randomSpan(random, traceId, spanNo));
        }
        rs.addScopeSpans(ss);
      }
      batches.add(rs.build());
    }
    return new BlockTrace(traceId, batches);
  }

  private static Span randomSpan(Random random, TraceId traceId, int no) {
    int idNo = random.nextInt(15) == 0 ? Math.max(1, no - 1) : no; // some repeated span IDs
    int parent = no == 1 || random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(no);
    long start = random.nextInt(20) == 0 ? 0 : 1_000_000_000L * (1 + random.nextInt(1000));
    Span.Builder s =
        Span.newBuilder()
            .setTraceId(traceId.toByteString())
            .setSpanId(random.nextInt(30) == 0 ? ByteString.copyFrom(new byte[] {1, 2}) : id(idNo))
            .setParentSpanId(parent == 0 ? ByteString.EMPTY : id(parent))
            .setName(random.nextInt(5) == 0 ? "" : "op-" + random.nextInt(20))
            .setKindValue(random.nextInt(6))
            .setTraceState(random.nextInt(4) == 0 ? "k=v" : "")
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + random.nextInt(1_000_000))
            .setStatus(
                Status.newBuilder()
                    .setCodeValue(random.nextInt(3))
                    .setMessage(random.nextInt(5) == 0 ? "failed ✗" : ""))
            .addAllAttributes(attributes(random, random.nextInt(9)))
            .setDroppedAttributesCount(random.nextInt(5) == 0 ? 3 : 0)
            .setDroppedEventsCount(random.nextInt(7) == 0 ? 2 : 0)
            .setDroppedLinksCount(random.nextInt(7) == 0 ? 1 : 0);
    for (int e = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0; e > 0; e--) {
      s.addEvents(
          Span.Event.newBuilder()
              .setTimeUnixNano(start + random.nextInt(1000))
              .setName("event-" + random.nextInt(3))
              .addAllAttributes(attributes(random, random.nextInt(3)))
              .setDroppedAttributesCount(random.nextInt(2)));
    }
    for (int l = random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0; l > 0; l--) {
      Span.Link.Builder link =
          Span.Link.newBuilder()
              .setTraceId(random.nextBoolean() ? traceId.toByteString() : id(99))
              .setSpanId(id(1 + random.nextInt(5)))
              .setTraceState(random.nextBoolean() ? "" : "lts")
              .addAllAttributes(attributes(random, random.nextInt(2)))
              .setDroppedAttributesCount(random.nextInt(2));
      if (random.nextBoolean()) {
        link.addAttributes(str("opentracing.ref_type", random.nextBoolean() ? "child_of" : "x"));
      }
      s.addLinks(link);
    }
    return s.build();
  }

  private static List<KeyValue> attributes(Random random, int n) {
    List<KeyValue> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          KeyValue.newBuilder()
              .setKey(KEYS[random.nextInt(KEYS.length)])
              .setValue(value(random, 0))
              .build());
    }
    return out;
  }

  private static AnyValue value(Random random, int depth) {
    AnyValue.Builder v = AnyValue.newBuilder();
    switch (random.nextInt(depth > 0 ? 5 : 12)) {
      case 0, 5, 6, 7 -> v.setStringValue(random.nextInt(6) == 0 ? "" : "v" + random.nextInt(50));
      case 1, 8 -> v.setIntValue(random.nextInt(600) - 100);
      case 2 -> v.setDoubleValue(random.nextInt(4) == 0 ? Double.NaN : random.nextDouble());
      case 3 -> v.setBoolValue(random.nextBoolean());
      case 4 -> v.setBytesValue(ByteString.copyFrom(new byte[] {(byte) random.nextInt()}));
      case 9 -> {
        ArrayValue.Builder a = ArrayValue.newBuilder();
        boolean mixed = random.nextInt(3) == 0;
        AnyValue first = value(random, depth + 1);
        for (int k = random.nextInt(4); k > 0; k--) {
          a.addValues(mixed ? value(random, depth + 1) : first);
        }
        v.setArrayValue(a);
      }
      case 10 ->
          v.setKvlistValue(
              KeyValueList.newBuilder()
                  .addValues(str("k" + random.nextInt(3), "x"))
                  .addValues(KeyValue.newBuilder().setKey("n").setValue(value(random, depth + 1))));
      default -> {} // no value set
    }
    return v.build();
  }

  private static KeyValue str(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static ByteString id(int n) {
    byte[] b = new byte[8];
    b[6] = (byte) (n >> 8);
    b[7] = (byte) n;
    return ByteString.copyFrom(b);
  }
}
