package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.vparquet4.FooterCache;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchSink;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.search.TraceSearcher;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Search and tag discovery over the blocks of the blocklist whose time range overlaps the request's
 * (none for a request without a window: those search recent data only). Blocks are searched newest
 * first; with {@code most_recent}, a block that ends before the oldest trace the search still keeps
 * is skipped.
 *
 * <p>A block that cannot be read does not fail the search: the other blocks answer, and the sink
 * hears {@code block <id>: <reason>} (never span contents). Each such block is logged and counted
 * once, as for {@link BlockTraceFinder}. A search is partial as well while the last poll could not
 * list the store.
 */
public final class BlockSearcher implements TraceSearcher, TagSearcher {

  private static final Comparator<BlockMeta> NEWEST_FIRST =
      Comparator.comparing(BlockMeta::endTime)
          .thenComparing(BlockMeta::startTime)
          .thenComparing(BlockMeta::blockId)
          .reversed();

  private static final int PARALLELISM = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final ObjectStore store;
  private final Blocklist blocklist;
  private final @Nullable Executor executor;
  private final FooterCache footers;
  private final UnreadableBlocks unreadable =
      new UnreadableBlocks(BlockSearcher.class, "searches answer partial results");

  /** Searches blocks one after the other on the calling thread. */
  public BlockSearcher(ObjectStore store, Blocklist blocklist) {
    this(store, blocklist, null);
  }

  /**
   * Searches blocks concurrently on {@code executor}, which bounds the parallelism (share the one
   * trace lookups use). {@code store} should be the store trace lookups read through, with its
   * {@link BlockObjectCache}. The parsed footers of the blocks searched are kept, up to {@link
   * FooterCache#DEFAULT_MAX_BYTES}, as blocks never change.
   */
  public BlockSearcher(ObjectStore store, Blocklist blocklist, @Nullable Executor executor) {
    this(store, blocklist, executor, new FooterCache(FooterCache.DEFAULT_MAX_BYTES));
  }

  /**
   * Searches blocks as {@link #BlockSearcher(ObjectStore, Blocklist, Executor)} does, keeping
   * parsed footers in {@code footers}, which the {@link BlockTraceFinder} may share.
   */
  public BlockSearcher(
      ObjectStore store, Blocklist blocklist, @Nullable Executor executor, FooterCache footers) {
    this.store = requireNonNull(store, "store");
    this.blocklist = requireNonNull(blocklist, "blocklist");
    this.executor = executor;
    this.footers = requireNonNull(footers, "footers");
  }

  @Override
  public void search(String tenant, SearchRequest request, SearchSink sink) {
    requireNonNull(request, "request");
    requireNonNull(sink, "sink");
    if (request.recentOnly()) {
      return;
    }
    List<BlockMeta> blocks = plan(tenant, request.range(), sink::failure);
    for (BlockMeta meta : blocks) {
      sink.metrics().block(meta.size());
    }
    sink.metrics().jobsPlanned(blocks.size());
    boolean mostRecent = request.query().mostRecent();
    run(
        blocks,
        meta -> {
          try {
            if (!sink.isDone() && !(mostRecent && endsBefore(meta, sink.oldestKeptStartNanos()))) {
              read(meta, sink::failure, reader -> reader.search(request, sink));
            }
          } finally {
            sink.metrics().jobCompleted();
          }
        });
  }

  @Override
  public void tagNames(String tenant, TagRequest request, TagSink sink) {
    requireNonNull(request, "request");
    tags(tenant, request.range(), request.recentOnly(), sink, r -> r.tagNames(request, sink));
  }

  @Override
  public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
    requireNonNull(request, "request");
    tags(tenant, request.range(), request.recentOnly(), sink, r -> r.tagValues(request, sink));
  }

  private void tags(
      String tenant,
      TimeRange range,
      boolean recentOnly,
      TagSink sink,
      Consumer<VParquet4BlockReader> work) {
    requireNonNull(sink, "sink");
    if (recentOnly) {
      return;
    }
    run(
        plan(tenant, range, sink::failure),
        meta -> {
          if (!sink.isDone()) {
            read(meta, sink::failure, work);
          }
        });
  }

  /** The tenant's readable blocks that overlap {@code range}, newest first. */
  private List<BlockMeta> plan(String tenant, TimeRange range, Consumer<String> failures) {
    String listingFailure = BlockJobs.listingFailure(blocklist);
    if (listingFailure != null) {
      failures.accept(listingFailure);
    }
    List<BlockMeta> blocks = BlockJobs.candidates(blocklist, tenant, range);
    blocks.sort(NEWEST_FIRST);
    return blocks;
  }

  /** Whether every trace of the block started before {@code nanos}: it ends before then. */
  static boolean endsBefore(BlockMeta meta, long nanos) {
    // meta.json end times are whole seconds, floored.
    long endNanos = (meta.endTime().getEpochSecond() + 1) * 1_000_000_000L;
    return nanos != Long.MIN_VALUE && endNanos < nanos;
  }

  /** Reads one block; a block that cannot be read is reported to {@code failures}. */
  private void read(
      BlockMeta meta, Consumer<String> failures, Consumer<VParquet4BlockReader> work) {
    try {
      work.accept(VParquet4BlockReader.of(store, meta, footers));
    } catch (StorageException | IllegalArgumentException e) {
      // Corrupt blocks too (CorruptObjectException is one); IllegalArgumentException: a
      // meta.json the reader rejects.
      String problem = unreadable.failed(meta, e);
      if (problem != null) {
        String reason = problem.startsWith("is ") ? problem.substring(3) : problem;
        failures.accept("block " + meta.blockId() + ": " + reason);
      }
      return;
    }
    unreadable.readFine(meta);
  }

  /**
   * Runs {@code job} for each block, newest first, concurrently when there is an executor, with as
   * many blocks at once as there are processors (a block's search keeps a core busy, and a search
   * that has its traces after the first blocks then reads no others); waits for all.
   */
  private void run(List<BlockMeta> blocks, Consumer<BlockMeta> job) {
    BlockJobs.run(
        blocks,
        executor,
        PARALLELISM,
        meta -> {
          job.accept(meta);
          return meta;
        });
  }

  /** Returns how many blocks were found corrupt, each counted once. */
  public long corruptBlocks() {
    return unreadable.corruptBlocks();
  }

  /**
   * Returns how many times a block could not be read because the object store failed, each block
   * counted once until it reads fine again.
   */
  public long storageFailedBlocks() {
    return unreadable.storageFailedBlocks();
  }
}
