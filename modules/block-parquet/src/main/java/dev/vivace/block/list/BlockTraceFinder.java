package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.CorruptObjectException;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.TraceId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger logger = LoggerFactory.getLogger(BlockTraceFinder.class);

  /** Beyond this many unreadable blocks remembered, the memory is cleared (and logs repeat). */
  private static final int MAX_REMEMBERED = 10_000;

  private final ObjectStore store;
  private final Blocklist blocklist;
  private final @Nullable Executor executor;

  /** The blocks found unreadable and not read fine since; true for corrupt ones. */
  private final ConcurrentHashMap<UUID, Boolean> unreadable = new ConcurrentHashMap<>();

  private final AtomicLong corruptBlocks = new AtomicLong();
  private final AtomicLong storageFailedBlocks = new AtomicLong();

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
    String listingFailure = blocklist.listingFailure();
    TraceLookup all =
        listingFailure == null
            ? TraceLookup.EMPTY
            : TraceLookup.failed(
                "the block list could not be refreshed from storage, recent blocks may be missing: "
                    + listingFailure);
    List<BlockMeta> candidates = new ArrayList<>();
    for (BlockMeta meta : blocklist.candidates(tenant, range)) {
      if (meta.version().equals(VParquet4BlockReader.VERSION)) {
        candidates.add(meta);
      }
    }
    if (executor == null || candidates.size() < 2) {
      for (BlockMeta meta : candidates) {
        all = all.plus(findIn(meta, traceId));
      }
      return all;
    }
    List<CompletableFuture<TraceLookup>> lookups = new ArrayList<>(candidates.size());
    for (BlockMeta meta : candidates) {
      lookups.add(CompletableFuture.supplyAsync(() -> findIn(meta, traceId), executor));
    }
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
    TraceLookup found;
    try {
      found = VParquet4BlockReader.of(store, meta).find(traceId);
    } catch (ObjectNotFoundException e) {
      // Compacted or deleted since the last poll.
      logger.debug("Block {}/{} is gone: {}", meta.tenantId(), meta.blockId(), e.getMessage());
      return TraceLookup.EMPTY;
    } catch (CorruptObjectException e) {
      String object = e.key().substring(e.key().lastIndexOf('/') + 1);
      return unreadable(meta, true, "is corrupt (" + object + ")", ": " + e.getMessage(), null);
    } catch (StorageException e) {
      return unreadable(
          meta, false, "could not be read from storage: " + StorageFailures.describe(e), "", null);
    } catch (RuntimeException e) {
      // A meta.json the reader rejects, or a decoder failure the reader did not classify.
      return unreadable(meta, true, "cannot be decoded", "", e);
    }
    if (!unreadable.isEmpty() && unreadable.remove(meta.blockId()) != null) {
      logger.info("Block {}/{} can be read again", meta.tenantId(), meta.blockId());
    }
    return found;
  }

  /**
   * Logs and counts the block the first time, and returns the failure shown to clients: {@code
   * problem} only, as {@code detail} (for the log) may quote a decoder.
   */
  private TraceLookup unreadable(
      BlockMeta meta,
      boolean corrupt,
      String problem,
      String detail,
      @Nullable RuntimeException unexpected) {
    if (unreadable.size() >= MAX_REMEMBERED) {
      unreadable.clear();
    }
    if (unreadable.putIfAbsent(meta.blockId(), corrupt) == null) {
      (corrupt ? corruptBlocks : storageFailedBlocks).incrementAndGet();
      logger.warn(
          "Block {}/{} {}; trace lookups answer partial results while it cannot be read{}",
          meta.tenantId(),
          meta.blockId(),
          problem,
          detail,
          unexpected);
    }
    return TraceLookup.failed("block " + meta.blockId() + " " + problem);
  }

  /** Returns how many blocks were found corrupt, each counted once. */
  public long corruptBlocks() {
    return corruptBlocks.get();
  }

  /**
   * Returns how many times a block could not be read because the object store failed, each block
   * counted once until it reads fine again.
   */
  public long storageFailedBlocks() {
    return storageFailedBlocks.get();
  }
}
