package org.apache.parquet.hadoop;

import java.io.IOException;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Internal to vivace-block-parquet: not API, never use it from another module.
 *
 * <p>Creates a {@link ParquetWriter} from complete {@link ParquetProperties}, without Hadoop.
 * {@code ParquetWriter.Builder} (parquet-hadoop 1.16) cannot set the properties' values-writer
 * factory, which vParquet4 needs to write BOOLEAN columns PLAIN; this class lives in parquet's
 * package only to reach the package-private constructor the builder itself calls.
 */
public final class NoHadoopParquetWriter {

  /**
   * Returns a writer that overwrites {@code file}, with no validation, no encryption and
   * parquet-hadoop's default padding, configured by {@code properties} alone.
   */
  public static <T> ParquetWriter<T> create(
      OutputFile file,
      WriteSupport<T> writeSupport,
      CompressionCodecFactory codecs,
      CompressionCodecName codec,
      long rowGroupSize,
      ParquetProperties properties)
      throws IOException {
    return new ParquetWriter<>(
        file,
        ParquetFileWriter.Mode.OVERWRITE,
        writeSupport,
        codec,
        codecs,
        rowGroupSize,
        false, // validating
        new PlainParquetConfiguration(),
        ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
        properties,
        null); // no encryption
  }

  private NoHadoopParquetWriter() {}
}
