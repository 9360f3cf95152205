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
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/** Step 3 to 5 of spec §7.2 on one {@code data.parquet}: pick row groups, scan, read the row. */
final class ParquetTraceLookup {

  private static final int TAIL_WITHOUT_FOOTER_SIZE = 64 * 1024;

  private final ObjectStore store;
  private final String key;
  private final BlockMeta meta;
  private final RowDecoder decoder;
  private final AtomicLong bytesRead;

  ParquetTraceLookup(
      ObjectStore store,
      String key,
      BlockMeta meta,
      DedicatedColumnMapping dedicated,
      AtomicLong bytesRead) {
    this.store = store;
    this.key = key;
    this.meta = meta;
    this.decoder = new RowDecoder(dedicated);
    this.bytesRead = bytesRead;
  }

  /**
   * Returns the row of {@code id} as OTLP, or an empty list. {@code rowGroup} restricts the search
   * to that row group (from the {@code index} object); -1 searches every row group whose
   * statistics allow the ID.
   */
  List<ResourceSpans> find(byte[] id, int rowGroup) {
    try {
      int tail = meta.footerSize() > 0 ? meta.footerSize() + 8 : TAIL_WITHOUT_FOOTER_SIZE;
      ObjectInputFile file = ObjectInputFile.open(store, key, meta.size(), tail, bytesRead);
      checkTail(file.tail());
      return scan(file, id, rowGroup);
    } catch (ObjectNotFoundException | CapacityException | CorruptObjectException e) {
      throw e;
    } catch (StorageException e) {
      throw new StorageException("reading " + key + " failed: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new CorruptObjectException(key, "cannot decode Parquet: " + e, e);
    }
  }

  private void checkTail(byte[] tail) {
    int n = tail.length;
    if (n < 8 || !new String(tail, n - 4, 4, US_ASCII).equals("PAR1")) {
      throw new CorruptObjectException(
          key, "does not end with PAR1 (truncated, or meta.json size " + meta.size() + " is wrong)",
          null);
    }
    int footer = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (meta.footerSize() != 0 && footer != meta.footerSize()) {
      throw new CorruptObjectException(
          key, "footer length " + footer + " differs from meta.json footerSize " + meta.footerSize(),
          null);
    }
  }

  private List<ResourceSpans> scan(ObjectInputFile file, byte[] id, int rowGroup)
      throws IOException {
    FilterCompat.Filter filter =
        FilterCompat.get(
            FilterApi.eq(FilterApi.binaryColumn("TraceID"), Binary.fromConstantByteArray(id)));
    ParquetReadOptions options = NoHadoopReadOptions.create(filter, NoHadoopCodecFactory.INSTANCE);
    try (ParquetFileReader reader = new ParquetFileReader(file, options)) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      MessageType projection = TraceSchema.projection(fileSchema, TraceSchema.DERIVED);
      if (!projection.containsField("TraceID")) {
        throw new CorruptObjectException(key, "has no binary TraceID column", null);
      }
      reader.setRequestedSchema(projection);
      BlockMetaData wanted = rowGroup < 0 ? null : reader.getFooter().getBlocks().get(rowGroup);
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      List<BlockMetaData> candidates = reader.getRowGroups();
      for (int i = 0; i < candidates.size(); i++) {
        if (wanted != null && candidates.get(i) != wanted) {
          continue;
        }
        PageReadStore pages = reader.readFilteredRowGroup(i);
        if (pages == null || pages.getRowCount() == 0) {
          continue;
        }
        MessageColumnIO io = new ColumnIOFactory(createdBy).getColumnIO(projection, fileSchema, true);
        RecordReader<Group> records =
            io.getRecordReader(pages, new GroupRecordConverter(projection), filter);
        for (long r = 0; r < pages.getRowCount(); r++) {
          Group row = records.read();
          if (row != null && !records.shouldSkipCurrentRecord()) {
            return decoder.decode(row);
          }
        }
      }
      return List.of();
    }
  }
}
