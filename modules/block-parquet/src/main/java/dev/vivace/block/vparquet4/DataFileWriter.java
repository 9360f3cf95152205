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
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;

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

  /** What the rest of the block needs to know about the written file. */
  record Result(
      List<byte[]> traceIds,
      List<Long> rowGroupRowCounts,
      long startTimeUnixNano,
      long endTimeUnixNano,
      int footerSize) {}

  static Result write(
      Path file, Iterable<BlockTrace> traces, DedicatedColumnMapping dedicated, long rowGroupSize)
      throws IOException {
    Map<String, Integer> resourceSlots = slots(dedicated.resource());
    List<byte[]> ids = new ArrayList<>();
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
        requireAfter(ids, t.traceId(), id);
        TraceLayout row = TraceLayout.of(id, t.batches(), resourceSlots);
        if (ids.isEmpty() || Long.compareUnsigned(row.startTimeUnixNano, start) < 0) {
          start = row.startTimeUnixNano;
        }
        if (Long.compareUnsigned(row.endTimeUnixNano, end) > 0) {
          end = row.endTimeUnixNano;
        }
        shredder.write(row);
        ids.add(id);
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
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("traces: none (expected: at least one trace)");
    }
    ParquetMetadata footer = writer.footer();
    NullPagesPatch.apply(file, footer);
    List<Long> counts = new ArrayList<>();
    for (BlockMetaData b : footer.getBlocks()) {
      counts.add(b.getRowCount());
    }
    return new Result(ids, counts, start, end, footerLength(file));
  }

  /** Throws unless {@code id} sorts after the last of {@code ids}. */
  static void requireAfter(List<byte[]> ids, TraceId traceId, byte[] id) {
    if (!ids.isEmpty() && !VParquet4BlockWriter.sortedStrictly(ids.get(ids.size() - 1), id)) {
      throw new IllegalArgumentException(
          "traces: "
              + traceId
              + " after "
              + TraceId.hex(ids.get(ids.size() - 1))
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
