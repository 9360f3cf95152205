package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockMeta;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.FieldExpression;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.parquet.NoHadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.jspecify.annotations.Nullable;

/**
 * One {@code data.parquet} opened for scanning: its footer, and per row group the column chunks a
 * search asks for, their dictionaries, or whole projected rows. Every byte fetched is added to the
 * counter given when opening. Failures are thrown as {@link ParquetTraceLookup#translate} names
 * them. Not thread-safe.
 */
final class BlockScan implements AutoCloseable {

  /** Dictionary pages larger than this are not read for pruning: the pages are read instead. */
  static final int MAX_DICTIONARY_BYTES = 4 * 1024 * 1024;

  private final String key;
  private final ObjectInputFile file;
  private final ParquetReadOptions options;
  private final ParquetFileReader reader;
  private final ParquetMetadata footer;
  private final MessageType fileSchema;
  private final String createdBy;

  private BlockScan(String key, ObjectInputFile file, @Nullable FooterCache footers)
      throws IOException {
    this.key = key;
    this.file = file;
    this.options = NoHadoopReadOptions.create(FilterCompat.NOOP, NoHadoopCodecFactory.INSTANCE);
    ParquetMetadata cached = footers == null ? null : footers.get(key);
    this.reader =
        cached == null
            ? new ParquetFileReader(file, options, file.newExactStream())
            : new ParquetFileReader(file, cached, options, file.newExactStream());
    this.footer = reader.getFooter();
    if (footers != null && cached == null) {
      footers.put(key, footer);
    }
    this.fileSchema = footer.getFileMetaData().getSchema();
    this.createdBy = footer.getFileMetaData().getCreatedBy();
  }

  /**
   * Opens the data file of the block {@code meta} describes, reading its footer unless {@code
   * footers} has it.
   */
  static BlockScan open(
      ObjectStore store, BlockMeta meta, AtomicLong bytesRead, @Nullable FooterCache footers) {
    String key = meta.tenantId() + "/" + meta.blockId() + "/" + VParquet4Objects.DATA;
    try {
      return new BlockScan(key, ParquetTraceLookup.open(store, key, meta, bytesRead), footers);
    } catch (IOException | RuntimeException e) {
      throw ParquetTraceLookup.translate(key, e);
    }
  }

  MessageType fileSchema() {
    return fileSchema;
  }

  int rowGroups() {
    return footer.getBlocks().size();
  }

  /** The column chunks of row group {@code i} by dotted path. */
  Map<String, ColumnChunkMetaData> chunks(int i) {
    Map<String, ColumnChunkMetaData> out = new HashMap<>();
    for (ColumnChunkMetaData chunk : footer.getBlocks().get(i).getColumns()) {
      out.put(chunk.getPath().toDotString(), chunk);
    }
    return out;
  }

  /**
   * The values of the dictionary of {@code chunk}, of row group {@code i} (strings, longs, ints,
   * doubles), or empty when the chunk has pages that are not dictionary-encoded (the dictionary
   * would not list every value) or the dictionary is too large to be worth reading.
   */
  Optional<List<Object>> dictionary(int i, ColumnChunkMetaData chunk) {
    if (!isFullyDictionaryEncoded(chunk)) {
      return Optional.empty();
    }
    long start = chunk.getDictionaryPageOffset();
    long length = chunk.getFirstDataPageOffset() - start;
    if (start <= 0 || length <= 0 || length > MAX_DICTIONARY_BYTES) {
      return Optional.empty();
    }
    ColumnDescriptor column = fileSchema.getColumnDescription(chunk.getPath().toArray());
    return io(
        () -> {
          try (ParquetFileReader one =
              new ParquetFileReader(file, footer, options, file.newStream(start, (int) length))) {
            DictionaryPageReadStore pages = one.getDictionaryReader(footer.getBlocks().get(i));
            DictionaryPage page = pages.readDictionaryPage(column);
            if (page == null) {
              return Optional.empty();
            }
            Dictionary dictionary = page.getEncoding().initDictionary(column, page);
            List<Object> values = new ArrayList<>(dictionary.getMaxId() + 1);
            for (int id = 0; id <= dictionary.getMaxId(); id++) {
              values.add(decode(dictionary, id, column.getPrimitiveType()));
            }
            return Optional.of(values);
          }
        });
  }

  private static Object decode(Dictionary dictionary, int id, PrimitiveType type) {
    return switch (type.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> dictionary.decodeToBinary(id).toStringUsingUTF8();
      case INT64 -> dictionary.decodeToLong(id);
      case INT32 -> dictionary.decodeToInt(id);
      case DOUBLE -> dictionary.decodeToDouble(id);
      case FLOAT -> (double) dictionary.decodeToFloat(id);
      case BOOLEAN -> dictionary.decodeToBoolean(id);
      default -> throw new IllegalArgumentException("type: " + type + " (expected: a scalar)");
    };
  }

  private static boolean isFullyDictionaryEncoded(ColumnChunkMetaData chunk) {
    var stats = chunk.getEncodingStats();
    return chunk.hasDictionaryPage()
        && stats != null
        && stats.hasDictionaryPages()
        && !stats.hasNonDictionaryEncodedPages();
  }

  /**
   * Reads column {@code path} of row group {@code i} alone and passes each non-null value (strings,
   * longs, ints, doubles, booleans) to {@code values}, until it returns false.
   */
  void forEachValue(int i, String path, Predicate<Object> values) {
    ColumnDescriptor column = fileSchema.getColumnDescription(path.split("\\."));
    MessageType schema = TraceSchema.select(fileSchema, Set.of(path));
    io(
        () -> {
          reader.setRequestedSchema(schema);
          PageReadStore pages = reader.readRowGroup(i);
          if (pages == null) {
            return true;
          }
          ColumnReader cr =
              new ColumnReadStoreImpl(
                      pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy)
                  .getColumnReader(column);
          int max = column.getMaxDefinitionLevel();
          for (long k = pages.getPageReader(column).getTotalValueCount(); k > 0; k--) {
            if (cr.getCurrentDefinitionLevel() == max && !callback(values, value(cr, column))) {
              return false;
            }
            cr.consume();
          }
          return true;
        });
  }

  private static Object value(ColumnReader cr, ColumnDescriptor column) {
    return switch (column.getPrimitiveType().getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> cr.getBinary().toStringUsingUTF8();
      case INT64 -> cr.getLong();
      case INT32 -> cr.getInteger();
      case DOUBLE -> cr.getDouble();
      case FLOAT -> (double) cr.getFloat();
      case BOOLEAN -> cr.getBoolean();
      default -> throw new IllegalArgumentException("column: " + column + " (expected: a scalar)");
    };
  }

  /**
   * The rows of row group {@code i} that a span selector's {@code condition} may match by the page
   * index ({@link PageRanges}), or null for all of them (also when a column has no offset index).
   */
  @Nullable RowRanges pageRows(
      int i, FieldExpression condition, RowGroupSummary summary, DedicatedColumnMapping dedicated) {
    BlockMetaData block = footer.getBlocks().get(i);
    for (ColumnChunkMetaData column : block.getColumns()) {
      if (column.getOffsetIndexReference() == null) {
        return null;
      }
    }
    return io(() ->
            Optional.ofNullable(
                new PageRanges(reader, chunks(i), block.getRowCount(), summary, dedicated)
                    .rows(condition)))
        .orElse(null);
  }

  /** What is done with one rebuilt trace; false once no more are wanted. */
  interface TraceWork {
    boolean apply(TraceId traceId, List<ResourceSpans> batches);
  }

  /**
   * Assembles every row of row group {@code i} with the columns of {@code projection} (which must
   * hold {@code TraceID}), of {@code only} its rows when not null (then only the pages holding them
   * are fetched), rebuilds each as OTLP with {@code decoder} and passes it to {@code work}, until
   * it returns false; returns false then. Only the projected column chunks are fetched.
   */
  boolean forEachTrace(
      int i, MessageType projection, @Nullable RowRanges only, RowDecoder decoder, TraceWork work) {
    if (only != null && only.rowCount() == 0) {
      return true;
    }
    long rowCount = footer.getBlocks().get(i).getRowCount();
    boolean pageIndexed = hasOffsetIndexes(i);
    return io(
        () -> {
          reader.setRequestedSchema(projection);
          MessageColumnIO columnIo =
              new ColumnIOFactory(createdBy).getColumnIO(projection, fileSchema, true);
          // Read the row group a window of rows at a time, so that a search that has enough after
          // the first traces fetches only their pages; windows grow for searches that go on.
          long window = FIRST_WINDOW_ROWS;
          for (long from = 0; from < rowCount; from += window, window = nextWindow(window)) {
            RowRanges rows;
            if (pageIndexed) {
              rows = SingleRowRanges.range(from, Math.min(rowCount, from + window) - 1, rowCount);
              if (only != null) {
                rows = RowRanges.intersection(rows, only);
              }
            } else {
              rows = only;
              window = rowCount;
            }
            if (rows != null && rows.rowCount() == 0) {
              continue;
            }
            PageReadStore pages =
                rows == null ? reader.readRowGroup(i) : reader.readFilteredRowGroup(i, rows);
            if (pages == null) {
              continue;
            }
            RecordReader<Group> records =
                columnIo.getRecordReader(pages, new GroupRecordConverter(projection));
            for (long r = 0; r < pages.getRowCount(); r++) {
              Group row = records.read();
              TraceId traceId = TraceId.of(row.getBinary(TraceIdColumn.NAME, 0).getBytes());
              List<ResourceSpans> batches = decoder.decode(row);
              boolean more;
              try {
                more = work.apply(traceId, batches);
              } catch (RuntimeException e) {
                throw new CallbackException(e);
              }
              if (!more) {
                return false;
              }
            }
          }
          return true;
        });
  }

  /** Rows read first from a row group: a page's worth (the writer's page row limit). */
  static final long FIRST_WINDOW_ROWS = DataFileWriter.PAGE_ROW_COUNT_LIMIT;

  /** The largest window of rows read at once. */
  static final long MAX_WINDOW_ROWS = 8 * 1024;

  private static long nextWindow(long window) {
    return Math.min(MAX_WINDOW_ROWS, window * 4);
  }

  private boolean hasOffsetIndexes(int i) {
    for (ColumnChunkMetaData column : footer.getBlocks().get(i).getColumns()) {
      if (column.getOffsetIndexReference() == null) {
        return false;
      }
    }
    return true;
  }

  /** The row group's metadata. */
  BlockMetaData rowGroup(int i) {
    return footer.getBlocks().get(i);
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  /**
   * Runs a read, translating its failures. Callbacks run inside, so only I/O belongs here: a
   * callback's own exceptions pass through unchanged.
   */
  private <T> T io(IoCall<T> call) {
    try {
      return call.call();
    } catch (CallbackException e) {
      throw e.unwrap();
    } catch (IOException | RuntimeException e) {
      throw ParquetTraceLookup.translate(key, e);
    }
  }

  /** Wraps an exception thrown by a caller's callback so that {@link #io} does not translate it. */
  static final class CallbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RuntimeException cause;

    CallbackException(RuntimeException cause) {
      super(cause);
      this.cause = cause;
    }

    RuntimeException unwrap() {
      return cause;
    }
  }

  /** Runs a caller's callback so that its exceptions are not mistaken for decoding failures. */
  static <T> boolean callback(Predicate<T> body, T value) {
    try {
      return body.test(value);
    } catch (RuntimeException e) {
      throw new CallbackException(e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw ParquetTraceLookup.translate(key, e);
    }
  }
}
