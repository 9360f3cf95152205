package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockTrace;
import dev.vivace.trace.TraceId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.NoHadoopParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** Writes the rows of {@code data.parquet} to a local file. */
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
    TraceRowMapper mapper = new TraceRowMapper(dedicated);
    List<byte[]> ids = new ArrayList<>();
    long start = 0;
    long end = 0;
    ParquetWriter<TraceRow> writer =
        NoHadoopParquetWriter.create(
            new LocalOutputFile(file),
            new TraceWriteSupport(),
            NoHadoopCodecFactory.INSTANCE,
            CompressionCodecName.SNAPPY,
            rowGroupSize,
            properties());
    try {
      for (BlockTrace t : traces) {
        byte[] id = t.traceId().toByteArray();
        if (!ids.isEmpty() && !VParquet4BlockWriter.sortedStrictly(ids.get(ids.size() - 1), id)) {
          throw new IllegalArgumentException(
              "traces: "
                  + t.traceId()
                  + " after "
                  + TraceId.hex(ids.get(ids.size() - 1))
                  + " (expected: ascending trace IDs without repeats)");
        }
        TraceRow row = mapper.map(id, t.batches());
        if (ids.isEmpty() || Long.compareUnsigned(row.startTimeUnixNano, start) < 0) {
          start = row.startTimeUnixNano;
        }
        if (Long.compareUnsigned(row.endTimeUnixNano, end) > 0) {
          end = row.endTimeUnixNano;
        }
        writer.write(row);
        ids.add(id);
      }
    } finally {
      writer.close();
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("traces: none (expected: at least one trace)");
    }
    NullPagesPatch.apply(file, writer.getFooter());
    List<Long> counts = new ArrayList<>();
    for (BlockMetaData b : writer.getFooter().getBlocks()) {
      counts.add(b.getRowCount());
    }
    return new Result(ids, counts, start, end, footerLength(file));
  }

  private static int footerLength(Path file) throws IOException {
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
