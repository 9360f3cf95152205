package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Internal to vivace-block-parquet: not API, never use it from another module.
 *
 * <p>Builds {@link ParquetReadOptions} without Hadoop. Both public ways to build them ({@code
 * ParquetReadOptions.builder(…)}, parquet-hadoop 1.15 and 1.16) call {@code
 * ParquetInputFormat.getFilter}, whose class extends Hadoop's {@code FileInputFormat} and so fails
 * to load without Hadoop jars. This class lives in parquet's package only to reach the
 * package-private constructor with the same arguments the builder would pass.
 */
public final class NoHadoopReadOptions {

  private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

  /**
   * Returns options that filter records with {@code filter}, prune row groups by statistics and
   * pages by the column index, never read Parquet bloom filters or dictionaries for pruning, and
   * decompress with {@code codecs}.
   */
  public static ParquetReadOptions create(
      FilterCompat.Filter filter, CompressionCodecFactory codecs) {
    return new ParquetReadOptions(
        false, // useSignedStringMinMax
        true, // useStatsFilter
        false, // useDictionaryFilter
        true, // useRecordFilter
        true, // useColumnIndexFilter
        false, // usePageChecksumVerification
        false, // useBloomFilter
        false, // useOffHeapDecryptBuffer
        false, // useHadoopVectoredIo
        filter,
        ParquetMetadataConverter.NO_FILTER,
        codecs,
        new HeapByteBufferAllocator(),
        MAX_ALLOCATION,
        Map.of(),
        null, // no decryption
        null, // no metrics callback
        new PlainParquetConfiguration());
  }

  private NoHadoopReadOptions() {}
}
