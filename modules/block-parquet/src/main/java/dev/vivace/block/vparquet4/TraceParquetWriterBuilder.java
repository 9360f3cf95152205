package dev.vivace.block.vparquet4;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/** A {@link ParquetWriter} builder for {@link TraceRow}s that never touches Hadoop. */
final class TraceParquetWriterBuilder
    extends ParquetWriter.Builder<TraceRow, TraceParquetWriterBuilder> {

  TraceParquetWriterBuilder(OutputFile file) {
    super(file);
  }

  @Override
  protected TraceParquetWriterBuilder self() {
    return this;
  }

  /** Never called: the builder is always given a {@code ParquetConfiguration}. */
  @Override
  @SuppressWarnings("deprecation") // abstract in ParquetWriter.Builder, so it must be implemented
  protected WriteSupport<TraceRow> getWriteSupport(Configuration conf) {
    return new TraceWriteSupport();
  }

  @Override
  protected WriteSupport<TraceRow> getWriteSupport(ParquetConfiguration conf) {
    return new TraceWriteSupport();
  }
}
