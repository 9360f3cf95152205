package dev.vivace.block.vparquet4;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * A Parquet file written column by column: callers write each leaf's values with their levels to
 * {@link #column}, then end the row with {@link #endRecord}. Row groups are cut, and pages,
 * statistics, column and offset indexes written, exactly as parquet-hadoop's {@code ParquetWriter}
 * does for the same values (the same column write store, page store and size checks; no Hadoop,
 * validation or encryption), so the file is byte for byte what that writer makes of the same rows.
 */
final class ColumnFileWriter implements AutoCloseable {

  private final MessageType schema;
  private final ParquetProperties props;
  private final ParquetFileWriter file;
  private final BytesInputCompressor compressor;
  private final List<ColumnDescriptor> descriptors;
  private final ColumnWriter[] writers;
  private final CachedNulls nulls;
  private final long rowGroupSizeThreshold;
  private final int rowGroupRecordCountThreshold;
  private long nextRowGroupSize;
  private long recordCount;
  private long recordCountForNextMemCheck;
  private int rowGroupOrdinal;
  private @Nullable ColumnChunkPageWriteStore pageStore;
  private @Nullable ColumnWriteStore columnStore;
  private boolean closed;

  ColumnFileWriter(
      OutputFile out,
      MessageType schema,
      BytesInputCompressor compressor,
      long rowGroupSize,
      ParquetProperties props)
      throws IOException {
    this.schema = schema;
    this.props = props;
    this.compressor = compressor;
    this.file =
        new ParquetFileWriter(
            out,
            schema,
            ParquetFileWriter.Mode.OVERWRITE,
            rowGroupSize,
            ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
            null, // no encryption
            props);
    file.start();
    this.descriptors = schema.getColumns();
    this.writers = new ColumnWriter[descriptors.size()];
    this.nulls = new CachedNulls(this, schema);
    this.rowGroupSizeThreshold = rowGroupSize;
    this.rowGroupRecordCountThreshold = props.getRowGroupRowCountLimit();
    this.nextRowGroupSize = rowGroupSize;
    initStore();
    this.recordCountForNextMemCheck = props.getMinRowCountForPageSizeCheck();
  }

  /** The writer of leaf column {@code index} (in schema order) for the current row group. */
  ColumnWriter column(int index) {
    return writers[index];
  }

  /** The empty repeated groups waiting to be written, as parquet's record shredding keeps them. */
  CachedNulls nulls() {
    return nulls;
  }

  /** The rows of the row group being written: 0 right after a row closed one. */
  long bufferedRows() {
    return recordCount;
  }

  /** Ends the current row (record); may close the row group. */
  void endRecord() throws IOException {
    ColumnWriteStore store = current();
    if (store.isColumnFlushNeeded()) {
      nulls.flushAll();
    }
    store.endRecord();
    recordCount++;
    if (recordCount >= rowGroupRecordCountThreshold) {
      nextRowGroup();
    } else if (recordCount >= recordCountForNextMemCheck) {
      // parquet-hadoop's check: close the row group within ~2 rows of the size limit
      long memSize = store.getBufferedSize();
      long recordSize = memSize / recordCount;
      if (memSize > nextRowGroupSize - 2 * recordSize) {
        nextRowGroup();
      } else {
        recordCountForNextMemCheck =
            Math.min(
                Math.max(
                    props.getMinRowCountForPageSizeCheck(),
                    (recordCount + (long) (nextRowGroupSize / ((float) recordSize))) / 2),
                recordCount + props.getMaxRowCountForPageSizeCheck());
      }
    }
  }

  /** Writes the last row group and the footer. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flushRowGroup();
      file.end(new HashMap<>());
    } finally {
      releaseStores();
      file.close();
    }
  }

  /** Closes the file without a footer, after a failure. */
  void abort() throws IOException {
    if (!closed) {
      closed = true;
      releaseStores();
      file.close();
    }
  }

  ParquetMetadata footer() {
    return file.getFooter();
  }

  private void nextRowGroup() throws IOException {
    flushRowGroup();
    initStore();
    recordCountForNextMemCheck =
        Math.min(
            Math.max(props.getMinRowCountForPageSizeCheck(), recordCount / 2),
            props.getMaxRowCountForPageSizeCheck());
  }

  private void initStore() {
    ColumnChunkPageWriteStore pages =
        new ColumnChunkPageWriteStore(
            compressor,
            schema,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled(),
            file.getEncryptor(),
            rowGroupOrdinal);
    ColumnWriteStore store = props.newColumnWriteStore(schema, pages, pages);
    for (int i = 0; i < writers.length; i++) {
      writers[i] = store.getColumnWriter(descriptors.get(i));
    }
    pageStore = pages;
    columnStore = store;
  }

  private void flushRowGroup() throws IOException {
    try {
      nulls.flushAll();
      if (recordCount > 0) {
        rowGroupOrdinal++;
        file.startBlock(recordCount);
        current().flush();
        pages().flushToFileWriter(file);
        recordCount = 0;
        file.endBlock();
        nextRowGroupSize = Math.min(file.getNextRowGroupSize(), rowGroupSizeThreshold);
      }
    } finally {
      releaseStores();
    }
  }

  private void releaseStores() {
    if (columnStore != null) {
      columnStore.close();
      columnStore = null;
    }
    if (pageStore != null) {
      pageStore.close();
      pageStore = null;
    }
  }

  private ColumnWriteStore current() {
    if (columnStore == null) {
      throw new IllegalStateException("file already closed");
    }
    return columnStore;
  }

  private ColumnChunkPageWriteStore pages() {
    if (pageStore == null) {
      throw new IllegalStateException("file already closed");
    }
    return pageStore;
  }

  /** Returns the compressor of {@code codec} from vivace's Hadoop-free codec factory. */
  static BytesInputCompressor compressor(CompressionCodecName codec) {
    return NoHadoopCodecFactory.INSTANCE.getCompressor(codec);
  }
}
