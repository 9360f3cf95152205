package dev.vivace.block.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.CompactedBlockMeta;
import dev.vivace.block.TenantIndex;
import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tempo's block retention. A live block whose {@code endTime} is older than the tenant's block
 * retention is marked compacted: its {@code meta.compacted.json} is written, then its {@code
 * meta.json} deleted, so pollers stop returning it. A compacted block whose compacted time is older
 * than the compacted-block retention is deleted: every object under {@code <tenant>/<block>/},
 * {@code meta.compacted.json} last, so an interrupted deletion is finished by the next run and a
 * reader never finds a meta whose data is gone.
 *
 * <p>The {@code meta.compacted.json} Vivace writes is the block's meta with {@code compactedTime}
 * first, as in Tempo's tenant index; Tempo reads it like its own byte copy of {@code meta.json}.
 * Thread-safe, but runs are meant to be sequential (one schedule).
 */
public final class Retention {

  private static final Logger logger = LoggerFactory.getLogger(Retention.class);

  /** What one run did. */
  public record Result(int marked, int deleted, int failed) {}

  /**
   * Returns a builder of the retention of the blocks in {@code store}.
   *
   * @param store the bucket the blocks are in
   */
  public static RetentionBuilder builder(ObjectStore store) {
    return new RetentionBuilder(requireNonNull(store, "store"));
  }

  private final ObjectStore store;
  private final Clock clock;
  private final Duration blockRetention;
  private final Function<String, Optional<Duration>> tenantBlockRetention;
  private final Duration compactedBlockRetention;
  private final int concurrency;
  private final BucketListing listing;

  Retention(RetentionBuilder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.blockRetention = b.blockRetention;
    this.tenantBlockRetention = b.tenantBlockRetention;
    this.compactedBlockRetention = b.compactedBlockRetention;
    this.concurrency = b.concurrency;
    this.listing = new BucketListing(store, clock);
  }

  /**
   * Lists the store and applies retention to every tenant's blocks. Failures to mark or delete one
   * block are logged and counted; that block is tried again at the next run.
   *
   * @throws RuntimeException what listing the store threw
   */
  public Result run() {
    return apply(listing.list(), clock.instant());
  }

  /**
   * Applies retention to the blocks of a poll, such as {@link TenantIndexPoller#lastPoll()},
   * without listing the store again.
   */
  public Result run(Map<String, TenantIndex> tenants) {
    return apply(requireNonNull(tenants, "tenants"), clock.instant());
  }

  private Result apply(Map<String, TenantIndex> tenants, Instant now) {
    AtomicInteger marked = new AtomicInteger();
    AtomicInteger deleted = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Runnable> work = new ArrayList<>();
    for (Map.Entry<String, TenantIndex> e : tenants.entrySet()) {
      String tenant = e.getKey();
      Instant cutoff = now.minus(blockRetention(tenant));
      for (BlockMeta meta : e.getValue().metas()) {
        if (meta.endTime().isBefore(cutoff)) {
          work.add(guarded(tenant, meta, "mark compacted", failed, () -> mark(meta, now), marked));
        }
      }
      Instant compactedCutoff = now.minus(compactedBlockRetention);
      for (CompactedBlockMeta c : e.getValue().compacted()) {
        if (c.compactedTime().isBefore(compactedCutoff)) {
          work.add(guarded(tenant, c.meta(), "delete", failed, () -> delete(c.meta()), deleted));
        }
      }
    }
    runAll(work);
    return new Result(marked.get(), deleted.get(), failed.get());
  }

  private Duration blockRetention(String tenant) {
    return tenantBlockRetention.apply(tenant).orElse(blockRetention);
  }

  private void mark(BlockMeta meta, Instant now) {
    logger.info(
        "Marking block {}/{} compacted: past the retention", meta.tenantId(), meta.blockId());
    BlockMarks.markCompacted(store, meta, now);
  }

  private void delete(BlockMeta meta) {
    String dir = meta.tenantId() + "/" + meta.blockId() + "/";
    logger.info("Deleting block {}: compacted past the compacted-block retention", dir);
    String compactedMeta = dir + BlockMetaJson.COMPACTED_META_OBJECT;
    for (String key : store.list(dir)) {
      if (!key.equals(compactedMeta)) {
        store.delete(key);
      }
    }
    store.delete(compactedMeta);
  }

  private static Runnable guarded(
      String tenant,
      BlockMeta meta,
      String what,
      AtomicInteger failed,
      Runnable action,
      AtomicInteger done) {
    return () -> {
      try {
        action.run();
        done.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        logger.warn(
            "Cannot {} block {}/{}; trying again at the next run: {}",
            what,
            tenant,
            meta.blockId(),
            e.toString());
      }
    };
  }

  private void runAll(List<Runnable> work) {
    if (work.isEmpty()) {
      return;
    }
    if (concurrency == 1 || work.size() == 1) {
      work.forEach(Runnable::run);
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(concurrency, work.size()),
            r -> {
              Thread t = new Thread(r, "vivace-retention");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable r : work) {
        futures.add(pool.submit(r));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("retention task failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
