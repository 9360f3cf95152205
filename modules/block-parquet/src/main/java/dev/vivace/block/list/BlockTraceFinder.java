package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.vparquet4.FooterCache;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.TraceId;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Trace-by-ID over the blocks of the blocklist whose time range overlaps the query's: each
 * candidate's bloom filter, then its index, then only the row group that may hold the trace.
 *
 * <p>A block that cannot be read (corrupt, or the object store fails) does not fail the lookup: the
 * other blocks answer and the lookup is partial, naming the block. Each such block is logged and
 * counted once, when it is first found unreadable, and again only if it read fine in between. A
 * lookup is partial as well while the last poll could not list the store.
 */
public final class BlockTraceFinder implements TraceFinder {

  private final ObjectStore store;
  private final Blocklist blocklist;
  private final @Nullable Executor executor;
  private final FooterCache footers;

  private final UnreadableBlocks unreadable =
      new UnreadableBlocks(BlockTraceFinder.class, "trace lookups answer partial results");

  /** Looks blocks up one after the other on the calling thread. */
  public BlockTraceFinder(ObjectStore store, Blocklist blocklist) {
    this(store, blocklist, null);
  }

  /**
   * Looks candidate blocks up concurrently on {@code executor}, which bounds the parallelism; with
   * object-store latency, a lookup over many blocks then costs about one round trip per wave of
   * blocks instead of one per block. The parsed footers of the blocks looked up are kept, up to
   * {@link FooterCache#DEFAULT_MAX_BYTES}, as blocks never change.
   */
  public BlockTraceFinder(ObjectStore store, Blocklist blocklist, @Nullable Executor executor) {
    this(store, blocklist, executor, new FooterCache(FooterCache.DEFAULT_MAX_BYTES));
  }

  /**
   * Looks candidate blocks up as {@link #BlockTraceFinder(ObjectStore, Blocklist, Executor)} does,
   * keeping parsed footers in {@code footers}: share the {@link BlockSearcher}'s, so that a lookup
   * in a block that was searched (or looked up) before does not fetch its footer again.
   */
  public BlockTraceFinder(
      ObjectStore store, Blocklist blocklist, @Nullable Executor executor, FooterCache footers) {
    this.store = requireNonNull(store, "store");
    this.blocklist = requireNonNull(blocklist, "blocklist");
    this.executor = executor;
    this.footers = requireNonNull(footers, "footers");
  }

  @Override
  public TraceLookup find(String tenant, TraceId traceId, TimeRange range) {
    String listingFailure = BlockJobs.listingFailure(blocklist);
    TraceLookup all =
        listingFailure == null ? TraceLookup.EMPTY : TraceLookup.failed(listingFailure);
    List<BlockMeta> candidates = BlockJobs.candidates(blocklist, tenant, range);
    for (TraceLookup found : BlockJobs.run(candidates, executor, meta -> findIn(meta, traceId))) {
      all = all.plus(found);
    }
    return all;
  }

  private TraceLookup findIn(BlockMeta meta, TraceId traceId) {
    TraceLookup found;
    try {
      found = VParquet4BlockReader.of(store, meta, footers).find(traceId);
    } catch (RuntimeException e) {
      String problem = unreadable.failed(meta, e);
      return problem == null
          ? TraceLookup.EMPTY
          : TraceLookup.failed("block " + meta.blockId() + " " + problem);
    }
    unreadable.readFine(meta);
    return found;
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
