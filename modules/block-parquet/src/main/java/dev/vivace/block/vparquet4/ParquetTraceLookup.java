package dev.vivace.block.vparquet4;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.CorruptObjectException;
import dev.vivace.storage.CapacityException;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.NoHadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/** Step 3 to 5 of spec §7.2 on one {@code data.parquet}: pick row groups, scan, read the row. */
final class ParquetTraceLookup {

  private static final int TAIL_WITHOUT_FOOTER_SIZE = 64 * 1024;

  private final ObjectStore store;
  private final String key;
  private final BlockMeta meta;
  private final RowDecoder decoder;
  private final AtomicLong bytesRead;
  private final boolean byRowRange;
  private final @Nullable FooterCache footers;

  /**
   * A lookup that takes the file's parsed footer from {@code footers} when not null, and leaves it
   * there. {@code byRowRange} false scans whole row groups, as is done anyway for files without
   * offset indexes; tests compare both ways.
   */
  ParquetTraceLookup(
      ObjectStore store,
      String key,
      BlockMeta meta,
      DedicatedColumnMapping dedicated,
      AtomicLong bytesRead,
      boolean byRowRange,
      @Nullable FooterCache footers) {
    this.byRowRange = byRowRange;
    this.footers = footers;
    this.store = store;
    this.key = key;
    this.meta = meta;
    this.decoder = RowDecoder.of(meta.version(), dedicated);
    this.bytesRead = bytesRead;
  }

  /**
   * Returns the row of {@code id} as OTLP, or an empty list. When the file has offset indexes, only
   * the pages of the {@code TraceID} column that may hold the ID are read to find the row's index,
   * then only the pages holding that row, and only that row is assembled; otherwise every row of
   * the row group is assembled and filtered. {@code rowGroup} restricts the search to that row
   * group (from the {@code index} object); -1 searches every row group whose statistics allow the
   * ID. A footer in the cache given is not fetched again; one fetched is put there.
   */
  List<ResourceSpans> find(byte[] id, int rowGroup) {
    try {
      ParquetMetadata cached = footers == null ? null : footers.get(key);
      if (cached == null) {
        return scan(open(store, key, meta, bytesRead), null, id, rowGroup);
      }
      return scan(openWithFooter(store, key, meta, bytesRead), cached, id, rowGroup);
    } catch (IOException | RuntimeException e) {
      throw translate(key, e);
    }
  }

  /**
   * Opens {@code data.parquet} of {@code meta} for a reader that has its parsed footer: fetches
   * nothing now, and read-ahead stops before the footer.
   */
  static ObjectInputFile openWithFooter(
      ObjectStore store, String key, BlockMeta meta, AtomicLong bytesRead) {
    long footerStart = meta.size() - (meta.footerSize() > 0 ? meta.footerSize() + 8 : 0);
    return ObjectInputFile.withoutTail(store, key, meta.size(), footerStart, bytesRead);
  }

  /** Opens {@code data.parquet} of {@code meta}: fetches its tail (the footer) and checks it. */
  static ObjectInputFile open(ObjectStore store, String key, BlockMeta meta, AtomicLong bytesRead) {
    int tail = meta.footerSize() > 0 ? meta.footerSize() + 8 : TAIL_WITHOUT_FOOTER_SIZE;
    ObjectInputFile file = ObjectInputFile.open(store, key, meta.size(), tail, bytesRead);
    checkTail(key, meta, file.tail());
    return file;
  }

  /**
   * The exception to throw for a failure reading {@code key}: storage failures name the object,
   * anything else that is not already classified means the file cannot be decoded.
   */
  static RuntimeException translate(String key, Exception e) {
    if (e instanceof ObjectNotFoundException
        || e instanceof CapacityException
        || e instanceof CorruptObjectException) {
      return (RuntimeException) e;
    }
    if (e instanceof StorageException) {
      return new StorageException("reading " + key + " failed: " + e.getMessage(), e);
    }
    return new CorruptObjectException(key, "cannot decode Parquet: " + e, e);
  }

  private static void checkTail(String key, BlockMeta meta, byte[] tail) {
    int n = tail.length;
    if (n < 8 || !new String(tail, n - 4, 4, US_ASCII).equals("PAR1")) {
      throw new CorruptObjectException(
          key,
          "does not end with PAR1 (truncated, or meta.json size " + meta.size() + " is wrong)",
          null);
    }
    int footer = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (meta.footerSize() != 0 && footer != meta.footerSize()) {
      throw new CorruptObjectException(
          key,
          "footer length " + footer + " differs from meta.json footerSize " + meta.footerSize(),
          null);
    }
  }

  private List<ResourceSpans> scan(
      ObjectInputFile file, @Nullable ParquetMetadata cached, byte[] id, int rowGroup)
      throws IOException {
    FilterCompat.Filter filter =
        FilterCompat.get(
            FilterApi.eq(
                FilterApi.binaryColumn(TraceIdColumn.NAME), Binary.fromConstantByteArray(id)));
    ParquetReadOptions options = NoHadoopReadOptions.create(filter, NoHadoopCodecFactory.INSTANCE);
    // Both readers share one stream, and so one read-ahead window.
    SeekableInputStream stream = file.newStream();
    try (ParquetFileReader rows =
        cached == null
            ? new ParquetFileReader(file, options, stream)
            : new ParquetFileReader(file, cached, options, stream)) {
      ParquetMetadata footer = rows.getFooter();
      if (footers != null && cached == null) {
        footers.put(key, footer);
      }
      MessageType fileSchema = footer.getFileMetaData().getSchema();
      MessageType projection = decoder.projection(fileSchema);
      if (!projection.containsField(TraceIdColumn.NAME)) {
        throw new CorruptObjectException(key, "has no binary TraceID column", null);
      }
      rows.setRequestedSchema(projection);
      MessageType idSchema = TraceIdColumn.schema(fileSchema);
      BlockMetaData wanted = rowGroup < 0 ? null : footer.getBlocks().get(rowGroup);
      String createdBy = footer.getFileMetaData().getCreatedBy();
      List<BlockMetaData> candidates = rows.getRowGroups();
      try (ParquetFileReader ids = new ParquetFileReader(file, footer, options, stream)) {
        ids.setRequestedSchema(idSchema);
        for (int i = 0; i < candidates.size(); i++) {
          BlockMetaData block = candidates.get(i);
          if (wanted != null && block != wanted) {
            continue;
          }
          @Nullable Group row;
          if (byRowRange && hasOffsetIndexes(block)) {
            long index = TraceIdColumn.rowOf(ids, i, id, idSchema, createdBy);
            row = index < 0 ? null : readRow(rows, i, index, id, projection, fileSchema, createdBy);
          } else {
            row = scanRowGroup(rows, i, projection, fileSchema, createdBy, filter);
          }
          if (row != null) {
            return decoder.decode(row);
          }
        }
      }
      return List.of();
    }
  }

  private static boolean hasOffsetIndexes(BlockMetaData block) {
    for (ColumnChunkMetaData column : block.getColumns()) {
      if (column.getOffsetIndexReference() == null) {
        return false;
      }
    }
    return true;
  }

  /** Reads and assembles row {@code index} of row group {@code i} alone, by its row range. */
  private Group readRow(
      ParquetFileReader rows,
      int i,
      long index,
      byte[] id,
      MessageType projection,
      MessageType fileSchema,
      String createdBy)
      throws IOException {
    long rowCount = rows.getRowGroups().get(i).getRowCount();
    PageReadStore pages = rows.readFilteredRowGroup(i, SingleRowRanges.of(index, rowCount));
    if (pages.getRowCount() != 1) {
      throw new IllegalStateException(
          "reading row "
              + index
              + " of row group "
              + i
              + " returned "
              + pages.getRowCount()
              + " rows");
    }
    MessageColumnIO io = new ColumnIOFactory(createdBy).getColumnIO(projection, fileSchema, true);
    Group row = io.getRecordReader(pages, new GroupRecordConverter(projection)).read();
    if (!row.getBinary(TraceIdColumn.NAME, 0).equals(Binary.fromConstantByteArray(id))) {
      throw new IllegalStateException(
          "row " + index + " of row group " + i + " holds another trace than its TraceID page");
    }
    return row;
  }

  /**
   * Assembles every row of row group {@code i} and keeps the one {@code filter} accepts; for files
   * without offset indexes, where a single row cannot be addressed.
   */
  private static @Nullable Group scanRowGroup(
      ParquetFileReader rows,
      int i,
      MessageType projection,
      MessageType fileSchema,
      String createdBy,
      FilterCompat.Filter filter)
      throws IOException {
    PageReadStore pages = rows.readFilteredRowGroup(i);
    if (pages == null || pages.getRowCount() == 0) {
      return null;
    }
    MessageColumnIO io = new ColumnIOFactory(createdBy).getColumnIO(projection, fileSchema, true);
    RecordReader<Group> records =
        io.getRecordReader(pages, new GroupRecordConverter(projection), filter);
    for (long r = 0; r < pages.getRowCount(); r++) {
      Group row = records.read();
      if (row != null && !records.shouldSkipCurrentRecord()) {
        return row;
      }
    }
    return null;
  }
}
