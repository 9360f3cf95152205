package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.CorruptObjectException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.TraceId;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.NoHadoopReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Every trace of one block, in the block's order (ascending trace ID), one at a time: for
 * compaction, which merges several blocks by ID. Rows are rebuilt as OTLP as for a lookup
 * (vParquet3 rows too). Memory stays bounded whatever the block's size: of a file with offset
 * indexes only the pages of {@value #WINDOW_ROWS} rows are held at once, otherwise one row group's
 * pages.
 *
 * <p>Does no I/O until the first {@link #hasNext()}. Not thread-safe. Failures are thrown as {@link
 * CorruptObjectException} when the file cannot be decoded or its rows are not ascending by ID, and
 * as the store's exceptions otherwise.
 */
public final class BlockTraceIterator implements Iterator<BlockTrace>, AutoCloseable {

  /** Rows read at once from a row group that has offset indexes. */
  static final int WINDOW_ROWS = 1024;

  private final ObjectStore store;
  private final BlockMeta meta;
  private final String key;
  private final RowDecoder decoder;
  private final AtomicLong bytesRead = new AtomicLong();

  private @Nullable ParquetFileReader reader;
  private @Nullable MessageColumnIO columnIo;
  private @Nullable MessageType projection;
  private @Nullable RecordReader<Group> records;
  private int rowGroup;
  private long nextRow;
  private long remaining;
  private byte @Nullable [] previousId;
  private @Nullable BlockTrace next;
  private boolean done;

  BlockTraceIterator(ObjectStore store, BlockMeta meta, DedicatedColumnMapping dedicated) {
    this.store = store;
    this.meta = meta;
    this.key = meta.tenantId() + "/" + meta.blockId() + "/" + VParquet4Objects.DATA;
    this.decoder = RowDecoder.of(meta.version(), dedicated);
  }

  /** The bytes fetched so far. */
  public long bytesRead() {
    return bytesRead.get();
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = advance();
      } catch (CorruptObjectException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw ParquetTraceLookup.translate(key, e);
      }
      done = next == null;
    }
    return next != null;
  }

  @Override
  public BlockTrace next() {
    BlockTrace out = hasNext() ? next : null;
    if (out == null) {
      throw new NoSuchElementException();
    }
    next = null;
    return out;
  }

  private @Nullable BlockTrace advance() throws IOException {
    ParquetFileReader r = reader;
    if (r == null) {
      ObjectInputFile file = ParquetTraceLookup.open(store, key, meta, bytesRead);
      r =
          new ParquetFileReader(
              file,
              NoHadoopReadOptions.create(FilterCompat.NOOP, NoHadoopCodecFactory.INSTANCE),
              file.newStream());
      reader = r;
      MessageType fileSchema = r.getFooter().getFileMetaData().getSchema();
      MessageType p = decoder.projection(fileSchema);
      if (!p.containsField(TraceIdColumn.NAME)) {
        throw new CorruptObjectException(key, "has no binary TraceID column", null);
      }
      r.setRequestedSchema(p);
      projection = p;
      columnIo =
          new ColumnIOFactory(r.getFooter().getFileMetaData().getCreatedBy())
              .getColumnIO(p, fileSchema, true);
    }
    while (remaining == 0) {
      if (rowGroup >= r.getRowGroups().size()) {
        return null;
      }
      BlockMetaData block = r.getRowGroups().get(rowGroup);
      long rowCount = block.getRowCount();
      if (nextRow >= rowCount) {
        rowGroup++;
        nextRow = 0;
        continue;
      }
      PageReadStore pages;
      if (hasOffsetIndexes(block)) {
        long last = Math.min(rowCount, nextRow + WINDOW_ROWS) - 1;
        pages = r.readFilteredRowGroup(rowGroup, SingleRowRanges.range(nextRow, last, rowCount));
        nextRow = last + 1;
      } else {
        pages = r.readRowGroup(rowGroup);
        nextRow = rowCount;
      }
      if (pages == null) {
        continue;
      }
      remaining = pages.getRowCount();
      records =
          requireSet(columnIo)
              .getRecordReader(pages, new GroupRecordConverter(requireSet(projection)));
    }
    remaining--;
    Group row = requireSet(records).read();
    byte[] id = row.getBinary(TraceIdColumn.NAME, 0).getBytes();
    if (previousId != null && Arrays.compareUnsigned(previousId, id) >= 0) {
      throw new CorruptObjectException(
          key,
          "trace " + TraceId.hex(id) + " follows " + TraceId.hex(previousId) + ": not ascending",
          null);
    }
    previousId = id;
    return new BlockTrace(TraceId.of(id), decoder.decode(row));
  }

  private static <T> T requireSet(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("reader not opened");
    }
    return value;
  }

  private static boolean hasOffsetIndexes(BlockMetaData block) {
    for (ColumnChunkMetaData column : block.getColumns()) {
      if (column.getOffsetIndexReference() == null) {
        return false;
      }
    }
    return true;
  }

  /** Closes the data file. Idempotent. */
  @Override
  public void close() {
    done = true;
    next = null;
    ParquetFileReader r = reader;
    reader = null;
    if (r != null) {
      try {
        r.close();
      } catch (IOException e) {
        throw ParquetTraceLookup.translate(key, e);
      }
    }
  }

  @Override
  public String toString() {
    return "BlockTraceIterator{" + key + "}";
  }
}
