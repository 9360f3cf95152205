package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockTrace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.NoHadoopParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * The record-API writer {@link DataFileWriter} replaced: each trace mapped to a {@link TraceRow},
 * then shredded by parquet-java's {@code RecordConsumer}. Kept as the reference whose files the
 * column writer must reproduce byte for byte.
 */
final class RecordDataFileWriter {

  static DataFileWriter.Result write(
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
            DataFileWriter.properties());
    try {
      for (BlockTrace t : traces) {
        byte[] id = t.traceId().toByteArray();
        DataFileWriter.requireAfter(ids, t.traceId(), id);
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
    List<byte[]> lastIds = new ArrayList<>();
    long row = 0;
    for (long count : counts) {
      row += count;
      lastIds.add(ids.get((int) row - 1));
    }
    return new DataFileWriter.Result(
        ids.size(), lastIds, counts, start, end, DataFileWriter.footerLength(file));
  }

  private RecordDataFileWriter() {}
}
