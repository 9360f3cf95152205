package dev.vivace.block.vparquet4;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.CorruptObjectException;
import dev.vivace.query.TraceLookup;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchSink;
import dev.vivace.search.TagMatcher;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Finds traces by ID in one vParquet4 block, reading as little as Tempo does (spec §7.2): the bloom
 * shard for the ID, the {@code index} object, the Parquet footer, then in the chosen row group the
 * {@code TraceID} page that may hold the ID and, in each column OTLP needs, only the page holding
 * the trace's row (whole column chunks for files without offset indexes). Columns are resolved by
 * name, so blocks written by older Tempo builds (with {@code ValueType}/{@code ValueDropped}
 * attribute columns) are read too.
 *
 * <p>Thread-safe and stateless between calls; does no I/O until {@link #find(TraceId)}.
 */
public final class VParquet4BlockReader {

  /** The {@code format} this reader accepts. */
  public static final String VERSION = "vParquet4";

  private final ObjectStore store;
  private final BlockMeta meta;
  private final String prefix;
  private final DedicatedColumnMapping dedicated;

  private final @Nullable FooterCache footers;

  private VParquet4BlockReader(ObjectStore store, BlockMeta meta, @Nullable FooterCache footers) {
    this.store = store;
    this.footers = footers;
    this.meta = meta;
    this.prefix = meta.tenantId() + "/" + meta.blockId() + "/";
    this.dedicated = DedicatedColumnMapping.of(meta.dedicatedColumns());
  }

  /**
   * Returns a reader for the block described by {@code meta}. Does no I/O.
   *
   * @throws IllegalArgumentException if the meta is not a readable vParquet4 block
   */
  public static VParquet4BlockReader of(ObjectStore store, BlockMeta meta) {
    return of(store, meta, null);
  }

  /**
   * Returns a reader for the block described by {@code meta} whose searches and lookups keep the
   * block's parsed footer in {@code footers}, and take it from there. Does no I/O.
   *
   * @throws IllegalArgumentException if the meta is not a readable vParquet4 block
   */
  public static VParquet4BlockReader of(
      ObjectStore store, BlockMeta meta, @Nullable FooterCache footers) {
    requireNonNull(store, "store");
    requireNonNull(meta, "meta");
    if (!isReadable(meta.version())) {
      throw new IllegalArgumentException(
          "format: "
              + meta.version()
              + " (expected: "
              + VERSION
              + " or "
              + VParquet3.VERSION
              + ")");
    }
    if (meta.size() < 12) {
      throw new IllegalArgumentException(
          "size: " + meta.size() + " (expected: the byte length of data.parquet, at least 12)");
    }
    return new VParquet4BlockReader(store, meta, footers);
  }

  /**
   * Whether blocks of {@code format} can be read: vParquet4, and vParquet3 (Tempo's format before
   * it) for trace-by-ID and search.
   */
  public static boolean isReadable(String format) {
    return format.equals(VERSION) || format.equals(VParquet3.VERSION);
  }

  /** Returns the block's metadata. */
  public BlockMeta meta() {
    return meta;
  }

  /**
   * Returns the trace's spans stored in this block, or {@link TraceLookup#EMPTY} fragments when the
   * block does not hold it, with the number of bytes fetched. Idempotent.
   *
   * @throws CorruptObjectException if an object of the block cannot be decoded
   * @throws ObjectNotFoundException if the bloom shard or data file is missing
   */
  public TraceLookup find(TraceId traceId) {
    requireNonNull(traceId, "traceId");
    byte[] id = traceId.toByteArray();
    AtomicLong bytesRead = new AtomicLong();
    if (!bloomMayContain(id, bytesRead)) {
      return new TraceLookup(List.of(), bytesRead.get());
    }
    int rowGroup = -1;
    RowGroupIndex index = readIndex(bytesRead);
    if (index != null) {
      rowGroup = index.rowGroupFor(id);
      if (rowGroup < 0) {
        return new TraceLookup(List.of(), bytesRead.get());
      }
    }
    List<ResourceSpans> found =
        new ParquetTraceLookup(
                store, prefix + VParquet4Objects.DATA, meta, dedicated, bytesRead, true, footers)
            .find(id, rowGroup);
    return new TraceLookup(found, bytesRead.get());
  }

  /**
   * Returns every trace of the block in the block's order, ascending by ID, one at a time, for
   * compaction; the caller closes it. vParquet3 rows are rebuilt as those of vParquet4 are. Does no
   * I/O until it is first asked for a trace.
   */
  public BlockTraceIterator traces() {
    return new BlockTraceIterator(store, meta, dedicated);
  }

  /**
   * Offers the block's traces that match {@code request} to {@code sink}, until it is done: row
   * groups whose statistics or dictionaries rule the query out are skipped, and of the others only
   * the columns the query needs are read. Counts the traces, spans and bytes inspected in the
   * sink's metrics, also when it fails. Ignores the request's window: the caller picks blocks.
   *
   * @throws CorruptObjectException if the data file cannot be decoded
   * @throws ObjectNotFoundException if the data file is missing
   */
  public void search(SearchRequest request, SearchSink sink) {
    requireNonNull(request, "request");
    requireNonNull(sink, "sink");
    BlockSearch search = new BlockSearch(store, meta, dedicated, footers);
    if (isVParquet3()) {
      search.searchEveryRow(request, sink, RowDecoder.of(meta.version(), dedicated));
    } else {
      search.search(request, sink);
    }
  }

  /**
   * Offers the names of the block's attributes in the request's scopes to {@code sink}, until it is
   * done, and counts the bytes read. Ignores the request's window.
   *
   * @throws CorruptObjectException if the data file cannot be decoded
   * @throws ObjectNotFoundException if the data file is missing
   */
  public void tagNames(TagRequest request, TagSink sink) {
    requireNonNull(request, "request");
    requireNonNull(sink, "sink");
    BlockTags tags = new BlockTags(store, meta, dedicated, footers);
    if (isVParquet3()) {
      tags.everyRow(
          sink,
          RowDecoder.of(meta.version(), dedicated),
          (id, batches) -> TagMatcher.names(request, id, batches, sink));
    } else {
      tags.tagNames(request, sink);
    }
  }

  /**
   * Offers the distinct values of the requested attribute or intrinsic in the block to {@code
   * sink}, until it is done, and counts the bytes read. Ignores the request's window.
   *
   * @throws CorruptObjectException if the data file cannot be decoded
   * @throws ObjectNotFoundException if the data file is missing
   */
  public void tagValues(TagValuesRequest request, TagSink sink) {
    requireNonNull(request, "request");
    requireNonNull(sink, "sink");
    BlockTags tags = new BlockTags(store, meta, dedicated, footers);
    if (isVParquet3()) {
      tags.everyRow(
          sink,
          RowDecoder.of(meta.version(), dedicated),
          (id, batches) -> TagMatcher.values(request, id, batches, sink));
    } else {
      tags.tagValues(request, sink);
    }
  }

  private boolean isVParquet3() {
    return meta.version().equals(VParquet3.VERSION);
  }

  private boolean bloomMayContain(byte[] id, AtomicLong bytesRead) {
    int shard = ShardedBloomFilter.shardOf(id, meta.bloomShards());
    String key = prefix + ShardedBloomFilter.objectName(shard);
    byte[] bytes = store.get(key);
    bytesRead.addAndGet(bytes.length);
    try {
      return BloomFilter.parse(bytes).mayContain(id);
    } catch (IllegalArgumentException e) {
      throw new CorruptObjectException(key, e.getMessage(), e);
    }
  }

  private @Nullable RowGroupIndex readIndex(AtomicLong bytesRead) {
    String key = prefix + RowGroupIndex.OBJECT_NAME;
    byte[] bytes;
    try {
      bytes = store.get(key);
    } catch (ObjectNotFoundException e) {
      return null; // Tempo tolerates a missing index
    }
    bytesRead.addAndGet(bytes.length);
    try {
      return RowGroupIndex.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new CorruptObjectException(key, e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "VParquet4BlockReader{" + prefix + "}";
  }
}
