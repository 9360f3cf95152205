package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockTrace;
import dev.vivace.trace.TraceId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;
import org.jspecify.annotations.Nullable;

/**
 * Writes the rows of {@code data.parquet} to a local file, column by column: each trace is arranged
 * ({@link TraceLayout}) and its values handed to the leaf column writers with their levels ({@link
 * TraceShredder}), without assembling records.
 */
final class DataFileWriter {

  /**
   * Uncompressed size at which a data page is cut: Tempo's 256 KiB page buffer (spec §6.2), not
   * parquet-java's 1 MiB. A trace lookup reads, decompresses and skips through a whole page per
   * column to reach its row, so smaller pages make it cheaper. The size is checked after every row
   * (parquet-java's default is every 100 rows at least: a few large traces overshoot a page several
   * times over).
   */
  static final int PAGE_SIZE_BYTES = 256 * 1024;

  /**
   * Rows (traces) at which a data page is cut even below {@link #PAGE_SIZE_BYTES}. Small values
   * (dictionary indexes, levels) pack so densely that one 256 KiB page holds a whole row group's
   * spans, and reaching one row means decoding the levels of every value before it; with this limit
   * a lookup skips at most this many traces per column. Costs under 1 % in bytes.
   */
  static final int PAGE_ROW_COUNT_LIMIT = 200;

  /**
   * Data pages v2 of at most {@link #PAGE_SIZE_BYTES} and {@link #PAGE_ROW_COUNT_LIMIT} rows with
   * dictionaries, as Tempo writes; BOOLEAN columns PLAIN because Tempo's Parquet reader misdecodes
   * RLE booleans ({@link PlainBooleanValuesWriterFactory}). New properties per file: their
   * values-writer factory is initialised with them.
   */
  static ParquetProperties properties() {
    return ParquetProperties.builder()
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
        .withDictionaryEncoding(true)
        .withPageSize(PAGE_SIZE_BYTES)
        .withMinRowCountForPageSizeCheck(1)
        .withPageRowCountLimit(PAGE_ROW_COUNT_LIMIT)
        .withBloomFilterEnabled(false)
        .withValuesWriterFactory(new PlainBooleanValuesWriterFactory())
        .build();
  }

  /**
   * What the rest of the block needs to know about the written file: the number of traces, the last
   * trace ID of each row group and the row count of each.
   */
  record Result(
      long traceCount,
      List<byte[]> rowGroupLastIds,
      List<Long> rowGroupRowCounts,
      long startTimeUnixNano,
      long endTimeUnixNano,
      int footerSize) {}

  /** As {@link #write(Path, Iterable, DedicatedColumnMapping, long, Consumer)}, ignoring IDs. */
  static Result write(
      Path file, Iterable<BlockTrace> traces, DedicatedColumnMapping dedicated, long rowGroupSize)
      throws IOException {
    return write(file, traces, dedicated, rowGroupSize, id -> {});
  }

  /**
   * Writes {@code traces}, which must ascend by ID, one at a time: only the trace being written and
   * the current row group's buffers are held. Each trace ID written is passed to {@code ids}.
   */
  static Result write(
      Path file,
      Iterable<BlockTrace> traces,
      DedicatedColumnMapping dedicated,
      long rowGroupSize,
      Consumer<byte[]> ids)
      throws IOException {
    Map<String, Integer> resourceSlots = slots(dedicated.resource());
    List<byte[]> lastIds = new ArrayList<>();
    byte[] previous = null;
    long count = 0;
    long start = 0;
    long end = 0;
    ColumnFileWriter writer =
        new ColumnFileWriter(
            new LocalOutputFile(file),
            TraceSchema.SCHEMA,
            ColumnFileWriter.compressor(CompressionCodecName.SNAPPY),
            rowGroupSize,
            properties());
    TraceShredder shredder = new TraceShredder(writer, slots(dedicated.span()));
    try {
      for (BlockTrace t : traces) {
        byte[] id = t.traceId().toByteArray();
        requireAfter(previous, t.traceId(), id);
        TraceLayout row = TraceLayout.of(id, t.batches(), resourceSlots);
        if (count == 0 || Long.compareUnsigned(row.startTimeUnixNano, start) < 0) {
          start = row.startTimeUnixNano;
        }
        if (Long.compareUnsigned(row.endTimeUnixNano, end) > 0) {
          end = row.endTimeUnixNano;
        }
        shredder.write(row);
        if (writer.bufferedRows() == 0) {
          lastIds.add(id); // the row closed a row group
        }
        ids.accept(id);
        previous = id;
        count++;
      }
    } catch (RuntimeException | IOException | Error e) {
      try {
        writer.abort();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    writer.close();
    if (previous != null && (lastIds.isEmpty() || lastIds.get(lastIds.size() - 1) != previous)) {
      lastIds.add(previous);
    }
    if (count == 0) {
      throw new IllegalArgumentException("traces: none (expected: at least one trace)");
    }
    ParquetMetadata footer = writer.footer();
    NullPagesPatch.apply(file, footer);
    List<Long> counts = new ArrayList<>();
    for (BlockMetaData b : footer.getBlocks()) {
      counts.add(b.getRowCount());
    }
    if (counts.size() != lastIds.size()) {
      throw new IllegalStateException(
          counts.size() + " row groups written, but " + lastIds.size() + " of them ended");
    }
    return new Result(count, lastIds, counts, start, end, footerLength(file));
  }

  /** Throws unless {@code id} sorts after the last of {@code ids}. */
  static void requireAfter(List<byte[]> ids, TraceId traceId, byte[] id) {
    requireAfter(ids.isEmpty() ? null : ids.get(ids.size() - 1), traceId, id);
  }

  /** Throws unless {@code id} sorts after {@code previous} (null: the first trace). */
  static void requireAfter(byte @Nullable [] previous, TraceId traceId, byte[] id) {
    if (previous != null && !VParquet4BlockWriter.sortedStrictly(previous, id)) {
      throw new IllegalArgumentException(
          "traces: "
              + traceId
              + " after "
              + TraceId.hex(previous)
              + " (expected: ascending trace IDs without repeats)");
    }
  }

  /** Attribute name to slot; a name listed twice keeps its first slot. */
  private static Map<String, Integer> slots(List<String> names) {
    Map<String, Integer> slots = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      slots.putIfAbsent(names.get(i), i);
    }
    return slots;
  }

  static int footerLength(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      f.seek(f.length() - 8);
      int b0 = f.read();
      int b1 = f.read();
      int b2 = f.read();
      int b3 = f.read();
      return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
    }
  }

  private DataFileWriter() {}
}
