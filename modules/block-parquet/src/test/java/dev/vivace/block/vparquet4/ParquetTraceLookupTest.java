package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.Otlp.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.NoHadoopReadOptions;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one row by its row range returns what assembling the whole row group finds. */
class ParquetTraceLookupTest {

  @TempDir Path dir;

  @Test
  void fixtureTracesAreTheSameByRowRangeAndByScan() {
    ObjectStore fixture = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
    String prefix = TempoFixtures.VPARQUET4_TENANT + "/" + TempoFixtures.VPARQUET4_BLOCK_ID + "/";
    BlockMeta meta = BlockMetaJson.parse(fixture.get(prefix + "meta.json"));
    assertThat(pageCounts(fixture, prefix, meta).hasOffsetIndexes).isTrue();

    for (FixtureTraces t : FixtureTraces.all()) {
      List<ResourceSpans> byRowRange = find(fixture, prefix, meta, t.traceId(), true);
      assertThat(Traces.spanCount(byRowRange)).as(t.traceId().toHex()).isEqualTo(t.spans());
      assertThat(byRowRange)
          .as(t.traceId().toHex())
          .isEqualTo(find(fixture, prefix, meta, t.traceId(), false));
    }
  }

  @Test
  void everyTraceOfAMultiPageMultiRowGroupBlockIsTheSameByRowRangeAndByScan() {
    ObjectStore store = LocalObjectStore.of(dir);
    List<BlockTrace> traces = bigTraces(new Random(11), 600);
    BlockMeta meta =
        VParquet4BlockWriter.builder(store)
            .tempDir(dir)
            .rowGroupSizeBytes(2 * 1024 * 1024)
            .build()
            .write("t", UUID.randomUUID(), traces);
    String prefix = meta.tenantId() + "/" + meta.blockId() + "/";
    PageCounts counts = pageCounts(store, prefix, meta);
    assertThat(counts.rowGroups).isGreaterThan(1);
    assertThat(counts.maxPagesPerChunk).isGreaterThan(1);
    assertThat(counts.hasOffsetIndexes).isTrue();
    // Pages are cut at Tempo's 256 KiB (uncompressed), not parquet-java's 1 MiB: random hex
    // compresses to about half, so a 1 MiB page would be far above this.
    assertThat(counts.maxCompressedPageBytes).isLessThan(300 * 1024);

    for (BlockTrace t : traces) {
      List<ResourceSpans> byRowRange = find(store, prefix, meta, t.traceId(), true);
      assertThat(Traces.spanCount(byRowRange))
          .as(t.traceId().toHex())
          .isEqualTo(Traces.spanCount(t.batches()));
      assertThat(byRowRange)
          .as(t.traceId().toHex())
          .isEqualTo(find(store, prefix, meta, t.traceId(), false));
    }
    for (BlockTrace absent : bigTraces(new Random(12), 20)) {
      assertThat(find(store, prefix, meta, absent.traceId(), true)).isEmpty();
      assertThat(find(store, prefix, meta, absent.traceId(), false)).isEmpty();
    }
  }

  private static List<ResourceSpans> find(
      ObjectStore store, String prefix, BlockMeta meta, TraceId id, boolean byRowRange) {
    return new ParquetTraceLookup(
            store,
            prefix + VParquet4Objects.DATA,
            meta,
            DedicatedColumnMapping.of(meta.dedicatedColumns()),
            new AtomicLong(),
            byRowRange,
            null)
        .find(id.toByteArray(), -1);
  }

  /** Traces with a 3 KB random attribute per span, so that their column has several pages. */
  private static List<BlockTrace> bigTraces(Random random, int count) {
    HexFormat hex = HexFormat.of();
    List<BlockTrace> traces = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      TraceId traceId = TraceId.parse(hex.formatHex(id));
      List<Span> spans = new ArrayList<>();
      for (int s = 1; s <= 1 + random.nextInt(4); s++) {
        byte[] payload = new byte[1536];
        random.nextBytes(payload);
        spans.add(
            Otlp.span(s, s == 1 ? 0 : 1, "op-" + s, Span.SpanKind.SPAN_KIND_INTERNAL).toBuilder()
                .setTraceId(traceId.toByteString())
                .setStartTimeUnixNano(1_000_000L * t + s)
                .setEndTimeUnixNano(1_000_000L * t + s + 10)
                .addAttributes(str("payload", hex.formatHex(payload)))
                .build());
      }
      traces.add(
          new BlockTrace(
              traceId, List.of(Otlp.resourceSpans("svc-" + (t % 3), spans.toArray(Span[]::new)))));
    }
    traces.sort(Comparator.comparing(bt -> bt.traceId().toHex()));
    return traces;
  }

  private record PageCounts(
      int rowGroups, int maxPagesPerChunk, int maxCompressedPageBytes, boolean hasOffsetIndexes) {}

  private static PageCounts pageCounts(ObjectStore store, String prefix, BlockMeta meta) {
    ObjectInputFile file =
        ObjectInputFile.open(
            store, prefix + VParquet4Objects.DATA, meta.size(), 64 * 1024, new AtomicLong());
    try (ParquetFileReader reader =
        new ParquetFileReader(
            file, NoHadoopReadOptions.create(FilterCompat.NOOP, NoHadoopCodecFactory.INSTANCE))) {
      int maxPages = 0;
      int maxPageBytes = 0;
      boolean offsetIndexes = true;
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          var offsets = reader.readOffsetIndex(column);
          offsetIndexes &= offsets != null;
          maxPages = Math.max(maxPages, offsets == null ? 0 : offsets.getPageCount());
          for (int p = 0; offsets != null && p < offsets.getPageCount(); p++) {
            maxPageBytes = Math.max(maxPageBytes, offsets.getCompressedPageSize(p));
          }
        }
      }
      return new PageCounts(
          reader.getFooter().getBlocks().size(), maxPages, maxPageBytes, offsetIndexes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
