package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockMeta;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.FieldExpression;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.parquet.NoHadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
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

  private BlockScan(
      String key,
      ObjectInputFile file,
      @Nullable ParquetMetadata cached,
      @Nullable FooterCache footers)
      throws IOException {
    this.key = key;
    this.file = file;
    this.options = NoHadoopReadOptions.create(FilterCompat.NOOP, NoHadoopCodecFactory.INSTANCE);
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
      ParquetMetadata cached = footers == null ? null : footers.get(key);
      if (cached != null) {
        return new BlockScan(
            key, ParquetTraceLookup.openWithFooter(store, key, meta, bytesRead), cached, footers);
      }
      return new BlockScan(
          key, ParquetTraceLookup.open(store, key, meta, bytesRead), null, footers);
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

  /** Entry {@code id} of {@code dictionary}, as {@link #dictionary} gives it. */
  static Object decode(Dictionary dictionary, int id, PrimitiveType type) {
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

  /** The current value of {@code cr}, which must be defined, as {@link #forEachValue} gives it. */
  static Object value(ColumnReader cr, ColumnDescriptor column) {
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
                new PageRanges(this, i, reader, chunks(i), block.getRowCount(), summary, dedicated)
                    .rows(condition)))
        .orElse(null);
  }

  /** What is done with the values of one page: its index in the chunk, and its values. */
  interface PageWork {
    void apply(int page, Collection<?> values);
  }

  /**
   * Passes each page of column {@code path} of row group {@code i} with its non-null values, as
   * {@link #forEachValue} gives them but strings as UTF-8 {@link Binary}, to {@code work}; a
   * dictionary-encoded page gives every value of the dictionary. Values are decoded as they are
   * iterated, without the levels. Returns false (having passed some pages or none) when the pages
   * cannot be read so: a page that is not a version 2 data page, or a count that differs from the
   * offset index's.
   */
  boolean forEachPage(int i, String path, PageWork work) {
    ColumnDescriptor column = fileSchema.getColumnDescription(path.split("\\."));
    MessageType schema = TraceSchema.select(fileSchema, Set.of(path));
    ColumnChunkMetaData chunk = chunks(i).get(path);
    if (chunk == null) {
      return false;
    }
    return io(
        () -> {
          OffsetIndex offsets = reader.readOffsetIndex(chunk);
          if (offsets == null) {
            return false;
          }
          // A reader of its own: the main one keeps the columns it first read a row group with.
          try (ParquetFileReader one =
              new ParquetFileReader(file, footer, options, file.newExactStream())) {
            one.setRequestedSchema(schema);
            PageReadStore pages = one.readRowGroup(i);
            if (pages == null) {
              return false;
            }
            PageReader pageReader = pages.getPageReader(column);
            DictionaryPage dictionaryPage = pageReader.readDictionaryPage();
            List<Object> dictionary = null;
            if (dictionaryPage != null) {
              Dictionary d = dictionaryPage.getEncoding().initDictionary(column, dictionaryPage);
              dictionary = new ArrayList<>(d.getMaxId() + 1);
              for (int id = 0; id <= d.getMaxId(); id++) {
                dictionary.add(decode(d, id, column.getPrimitiveType()));
              }
            }
            for (int p = 0; p < offsets.getPageCount(); p++) {
              DataPage page = pageReader.readPage();
              if (!(page instanceof DataPageV2 v2)) {
                return false;
              }
              int count = v2.getValueCount() - v2.getNullCount();
              Collection<?> values;
              if (count == 0) {
                values = List.of();
              } else if (v2.getDataEncoding().usesDictionary()) {
                if (dictionary == null) {
                  return false;
                }
                values = dictionary;
              } else {
                values = new PageValues(column, v2, count);
              }
              try {
                work.apply(p, values);
              } catch (RuntimeException e) {
                throw new CallbackException(e);
              }
            }
            return pageReader.readPage() == null;
          }
        });
  }

  /**
   * The values of a plain data page, decoded anew each time they are iterated; strings are given as
   * their UTF-8 bytes.
   */
  private static final class PageValues extends AbstractCollection<Object> {
    private final ColumnDescriptor column;
    private final DataPageV2 page;
    private final int count;

    PageValues(ColumnDescriptor column, DataPageV2 page, int count) {
      this.column = column;
      this.page = page;
      this.count = count;
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public Iterator<Object> iterator() {
      ValuesReader values = page.getDataEncoding().getValuesReader(column, ValuesType.VALUES);
      try {
        values.initFromPage(count, page.getData().toInputStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      PrimitiveType type = column.getPrimitiveType();
      return new Iterator<>() {
        private int read;

        @Override
        public boolean hasNext() {
          return read < count;
        }

        @Override
        public Object next() {
          if (read >= count) {
            throw new NoSuchElementException();
          }
          read++;
          return switch (type.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> values.readBytes();
            case INT64 -> values.readLong();
            case INT32 -> values.readInteger();
            case DOUBLE -> values.readDouble();
            case FLOAT -> (double) values.readFloat();
            case BOOLEAN -> values.readBoolean();
            default ->
                throw new IllegalArgumentException("column: " + column + " (expected: a scalar)");
          };
        }
      };
    }
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
    return forEachTrace(i, projection, only, null, decoder, work);
  }

  /**
   * As {@link #forEachTrace(int, MessageType, RowRanges, RowDecoder, TraceWork)}, but when {@code
   * filter} is not null only the rows it keeps are assembled: it reads its own columns of each
   * window of rows first, and then only the pages of the rows it kept are fetched.
   */
  boolean forEachTrace(
      int i,
      MessageType projection,
      @Nullable RowRanges only,
      @Nullable RowFilter filter,
      RowDecoder decoder,
      TraceWork work) {
    if (only != null && only.rowCount() == 0) {
      return true;
    }
    long rowCount = footer.getBlocks().get(i).getRowCount();
    boolean pageIndexed = hasOffsetIndexes(i);
    BitSet keep = new BitSet();
    return io(
        () -> {
          MessageColumnIO columnIo =
              new ColumnIOFactory(createdBy).getColumnIO(projection, fileSchema, true);
          if (filter != null && pageIndexed) {
            // The reader keeps the offset indexes of a row group for the columns requested when it
            // first reads pages of it by rows: ask for both passes' columns before either reads.
            Set<String> both = new HashSet<>();
            for (MessageType schema : List.of(projection, filter.schema())) {
              for (ColumnDescriptor column : schema.getColumns()) {
                both.add(String.join(".", column.getPath()));
              }
            }
            reader.setRequestedSchema(TraceSchema.select(fileSchema, both));
            reader.getColumnIndexStore(i);
          }
          // Read the row group a window of rows at a time, so that a search that has enough after
          // the first traces fetches only their pages; windows grow for searches that go on.
          long window = FIRST_WINDOW_ROWS;
          for (long from = 0; from < rowCount; from += window, window = nextWindow(window)) {
            if (!pageIndexed) {
              // Without offset indexes pages cannot be chosen by row: read the row group whole.
              window = rowCount;
              BitSet wanted = only == null ? null : bits(only, 0, rowCount);
              if (!readRun(i, null, wanted, filter, keep, columnIo, projection, decoder, work)) {
                return false;
              }
              continue;
            }
            long to = Math.min(rowCount, from + window) - 1;
            BitSet wanted = new BitSet();
            if (only == null) {
              wanted.set(Math.toIntExact(from), Math.toIntExact(to) + 1);
            } else {
              wanted = bits(only, from, to);
            }
            for (long[] run : runs(wanted)) {
              if (!readRun(i, run, wanted, filter, keep, columnIo, projection, decoder, work)) {
                return false;
              }
            }
          }
          return true;
        });
  }

  /**
   * Reads the rows {@code run} (first and last, or null for the whole row group) and passes those
   * of them in {@code wanted} (null for all) that {@code filter} keeps to {@code work}; false once
   * it wants no more. parquet-java assembles rows wrongly when the rows asked for leave out whole
   * pages after the last but one (apache/parquet-java#3747), so each read is of one run of rows.
   */
  private boolean readRun(
      int i,
      long @Nullable [] run,
      @Nullable BitSet wanted,
      @Nullable RowFilter filter,
      BitSet keep,
      MessageColumnIO columnIo,
      MessageType projection,
      RowDecoder decoder,
      TraceWork work)
      throws IOException {
    BitSet chosen = wanted;
    List<long @Nullable []> reads = new ArrayList<>();
    reads.add(run);
    if (filter != null) {
      // Read the columns of the conditions first, and then only the rows they keep.
      reader.setRequestedSchema(filter.schema());
      PageReadStore conditions = read(i, run);
      keep.clear();
      if (conditions == null || filter.select(conditions, createdBy, wanted, keep) == 0) {
        return true;
      }
      chosen = keep;
      if (run != null) {
        reads = new ArrayList<>(runs(keep));
      }
    }
    reader.setRequestedSchema(projection);
    for (long[] rows : reads) {
      PageReadStore pages = read(i, rows);
      if (pages == null) {
        continue;
      }
      RecordReader<Group> records =
          columnIo.getRecordReader(pages, new GroupRecordConverter(projection));
      PrimitiveIterator.OfLong indexes = pages.getRowIndexes().orElse(null);
      for (long r = 0; r < pages.getRowCount(); r++) {
        Group row = records.read();
        long index = indexes == null ? (rows == null ? r : rows[0] + r) : indexes.nextLong();
        if (chosen != null && !chosen.get(Math.toIntExact(index))) {
          continue;
        }
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
  }

  /** Reads the rows {@code run} (first and last) of row group {@code i}, or all when null. */
  private @Nullable PageReadStore read(int i, long @Nullable [] run) throws IOException {
    long rowCount = footer.getBlocks().get(i).getRowCount();
    return run == null
        ? reader.readRowGroup(i)
        : reader.readFilteredRowGroup(i, SingleRowRanges.range(run[0], run[1], rowCount));
  }

  /** The rows of {@code ranges} from {@code from} to {@code to}, both included. */
  private static BitSet bits(RowRanges ranges, long from, long to) {
    BitSet bits = new BitSet();
    for (RowRanges.Range range : ranges.getRanges()) {
      long first = Math.max(from, range.from);
      long last = Math.min(to, range.to);
      if (first <= last) {
        bits.set(Math.toIntExact(first), Math.toIntExact(last) + 1);
      }
    }
    return bits;
  }

  /**
   * The rows set in {@code bits} as runs to read one at a time (first and last row of each): rows
   * closer than {@link #FIRST_WINDOW_ROWS} share a run, as their pages mostly would.
   */
  static List<long[]> runs(BitSet bits) {
    List<long[]> runs = new ArrayList<>();
    for (int first = bits.nextSetBit(0); first >= 0; ) {
      int last = bits.nextClearBit(first) - 1;
      int next = bits.nextSetBit(last + 1);
      while (next >= 0 && next - last <= FIRST_WINDOW_ROWS) {
        last = bits.nextClearBit(next) - 1;
        next = bits.nextSetBit(last + 1);
      }
      runs.add(new long[] {first, last});
      first = next;
    }
    return runs;
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
