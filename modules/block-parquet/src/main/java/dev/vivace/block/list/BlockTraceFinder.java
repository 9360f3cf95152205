package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.TraceId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trace-by-ID over the blocks of the blocklist whose time range overlaps the query's: each
 * candidate's bloom filter, then its index, then only the row group that may hold the trace.
 */
public final class BlockTraceFinder implements TraceFinder {

  private static final Logger logger = LoggerFactory.getLogger(BlockTraceFinder.class);

  private final ObjectStore store;
  private final Blocklist blocklist;
  private final @Nullable Executor executor;

  /** Looks blocks up one after the other on the calling thread. */
  public BlockTraceFinder(ObjectStore store, Blocklist blocklist) {
    this(store, blocklist, null);
  }

  /**
   * Looks candidate blocks up concurrently on {@code executor}, which bounds the parallelism; with
   * object-store latency, a lookup over many blocks then costs about one round trip per wave of
   * blocks instead of one per block.
   */
  public BlockTraceFinder(ObjectStore store, Blocklist blocklist, @Nullable Executor executor) {
    this.store = requireNonNull(store, "store");
    this.blocklist = requireNonNull(blocklist, "blocklist");
    this.executor = executor;
  }

  @Override
  public TraceLookup find(String tenant, TraceId traceId, TimeRange range) {
    List<BlockMeta> candidates = new ArrayList<>();
    for (BlockMeta meta : blocklist.candidates(tenant, range)) {
      if (meta.version().equals(VParquet4BlockReader.VERSION)) {
        candidates.add(meta);
      }
    }
    if (executor == null || candidates.size() < 2) {
      TraceLookup all = TraceLookup.EMPTY;
      for (BlockMeta meta : candidates) {
        all = all.plus(findIn(meta, traceId));
      }
      return all;
    }
    List<CompletableFuture<TraceLookup>> lookups = new ArrayList<>(candidates.size());
    for (BlockMeta meta : candidates) {
      lookups.add(CompletableFuture.supplyAsync(() -> findIn(meta, traceId), executor));
    }
    TraceLookup all = TraceLookup.EMPTY;
    for (CompletableFuture<TraceLookup> lookup : lookups) {
      try {
        all = all.plus(lookup.join());
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtimeException) {
          throw runtimeException;
        }
        throw e;
      }
    }
    return all;
  }

  private TraceLookup findIn(BlockMeta meta, TraceId traceId) {
    try {
      return VParquet4BlockReader.of(store, meta).find(traceId);
    } catch (ObjectNotFoundException e) {
      // Compacted or deleted since the last poll.
      logger.debug("Block {}/{} is gone: {}", meta.tenantId(), meta.blockId(), e.getMessage());
      return TraceLookup.EMPTY;
    }
  }
}
