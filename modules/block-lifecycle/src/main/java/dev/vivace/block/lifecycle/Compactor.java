package dev.vivace.block.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.vparquet4.BlockTraceIterator;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tempo's block compaction (spec §11). Each {@link #run()} lists every tenant, chooses jobs as
 * Tempo's time-window selector does ({@link BlockSelector}) and runs them one after another, for at
 * most the time per tenant; a job runs only while its {@link CompactionOwner} lease is held. A job
 * reads its input blocks in trace-ID order, one trace per input at a time, merges them ({@link
 * TraceMerger}), writes one vParquet4 output block with a new random ID through the column-wise
 * writer ({@code meta.json} last), and then marks each input compacted ({@code meta.compacted.json}
 * written, then {@code meta.json} deleted); retention deletes them later. Inputs of vParquet3 are
 * rewritten as vParquet4. Memory is bounded by one trace per input plus the writer's row group
 * buffer and the output's bloom filter, whatever the blocks' sizes.
 *
 * <p><b>Crash safety.</b> An output is invisible until its {@code meta.json} exists, which is
 * written last. A job that fails before that deletes what it wrote when it can; what is left over
 * (a block directory with neither {@code meta.json} nor {@code meta.compacted.json}, such as after
 * a crash) is deleted by a later run once it has been seen for the leftover grace period, so that
 * blocks other writers are still uploading are not touched. A job that fails after the output's
 * {@code meta.json}, before every input is marked, leaves the output and some inputs live together:
 * nothing is lost, and no trace is answered twice, since trace-by-ID combines the blocks' copies
 * and drops duplicate spans (by span ID and kind); a later job that takes the output and those
 * inputs together merges the copies the same way, so compacting again is idempotent. Nothing is
 * written to detect this state: Tempo does not either.
 *
 * <p>Thread-safe; runs are meant to be sequential (one schedule).
 */
public final class Compactor {

  private static final Logger logger = LoggerFactory.getLogger(Compactor.class);

  /** What one run did. */
  public record Result(int jobs, int compactedBlocks, int failed, int leftoversDeleted) {}

  /**
   * Returns a builder of the compaction of the blocks in {@code store}.
   *
   * @param store the bucket the blocks are in
   */
  public static CompactorBuilder builder(ObjectStore store) {
    return new CompactorBuilder(requireNonNull(store, "store"));
  }

  private final ObjectStore store;
  private final Clock clock;
  private final BlockSelector.Limits limits;
  private final Duration maxTimePerTenant;
  private final long maxBytesPerTrace;
  private final Duration leftoverGrace;
  private final CompactionOwner owner;
  private final VParquet4BlockWriter writer;
  private final TenantBlocks blocks;

  /** Output blocks being written, as {@code tenant/blockId}: never leftovers. */
  private final Set<String> writing = ConcurrentHashMap.newKeySet();

  Compactor(CompactorBuilder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.limits =
        new BlockSelector.Limits(
            b.compactionWindow,
            b.maxCompactionObjects,
            b.maxBlockBytes,
            b.minInputBlocks,
            b.maxInputBlocks,
            b.maxCompactionLevel);
    this.maxTimePerTenant = b.maxTimePerTenant;
    this.maxBytesPerTrace = b.maxBytesPerTrace;
    this.leftoverGrace = b.leftoverGrace;
    this.owner = b.owner;
    this.writer = b.writer != null ? b.writer : VParquet4BlockWriter.builder(store).build();
    this.blocks = new TenantBlocks(store);
  }

  /**
   * Compacts every tenant's blocks: for each tenant, deletes leftovers past the grace period, then
   * runs jobs until none is left or the time per tenant is used up. A failed job is logged and
   * counted, and its blocks are chosen again at a later run.
   *
   * @throws RuntimeException what listing the store threw
   */
  public Result run() {
    AtomicInteger jobs = new AtomicInteger();
    AtomicInteger compacted = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger leftovers = new AtomicInteger();
    List<String> tenants = store.listChildren("");
    blocks.retainTenants(tenants);
    for (String tenant : tenants) {
      runTenant(tenant, jobs, compacted, failed, leftovers);
    }
    return new Result(jobs.get(), compacted.get(), failed.get(), leftovers.get());
  }

  private void runTenant(
      String tenant,
      AtomicInteger jobs,
      AtomicInteger compacted,
      AtomicInteger failed,
      AtomicInteger leftovers) {
    Instant start = clock.instant();
    TenantBlocks.Listing listing = blocks.list(tenant, start);
    for (UUID id : listing.leftovers()) {
      if (writing.contains(tenant + "/" + id)
          || listing.firstSeen(id).plus(leftoverGrace).isAfter(start)) {
        continue;
      }
      try {
        logger.info("Deleting leftover {}/{}: a block directory without a meta", tenant, id);
        deleteBlock(tenant, id, listing.objects(id));
        leftovers.incrementAndGet();
      } catch (RuntimeException e) {
        logger.warn("Cannot delete leftover {}/{}: {}", tenant, id, e.toString());
      }
    }
    BlockSelector selector = new BlockSelector(tenant, listing.live(), start, limits);
    Instant deadline = start.plus(maxTimePerTenant);
    for (BlockSelector.Job job = selector.next();
        job != null && clock.instant().isBefore(deadline);
        job = selector.next()) {
      Optional<CompactionOwner.Lease> lease = owner.tryAcquire(tenant, job.hash());
      if (lease.isEmpty()) {
        return;
      }
      try (CompactionOwner.Lease held = lease.get()) {
        compact(job.blocks());
        jobs.incrementAndGet();
        compacted.addAndGet(job.blocks().size());
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        logger.warn(
            "Compaction of {} blocks of tenant {} failed; trying again at a later run: {}",
            job.blocks().size(),
            tenant,
            e.toString());
      }
    }
  }

  /**
   * Compacts {@code inputs}, blocks of one tenant, into one new block and marks them compacted;
   * returns the new block's meta. Does not consult the owner: {@link #run()} does.
   *
   * @throws IllegalArgumentException if {@code inputs} is empty, names several tenants, or holds a
   *     block of a format that cannot be read
   * @throws RuntimeException what reading or writing the store threw; see the class comment for
   *     what is left behind
   */
  public BlockMeta compact(List<BlockMeta> inputs) {
    requireNonNull(inputs, "inputs");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs: none (expected: at least one block)");
    }
    String tenant = inputs.get(0).tenantId();
    List<VParquet4BlockReader> readers = new ArrayList<>();
    for (BlockMeta in : inputs) {
      if (!in.tenantId().equals(tenant)) {
        throw new IllegalArgumentException(
            "inputs: blocks of tenants " + tenant + " and " + in.tenantId() + " (expected: one)");
      }
      readers.add(VParquet4BlockReader.of(store, in));
    }
    UUID id = UUID.randomUUID();
    String key = tenant + "/" + id;
    writing.add(key);
    BlockMeta out;
    List<BlockTraceIterator> traces = new ArrayList<>();
    try {
      for (VParquet4BlockReader r : readers) {
        traces.add(r.traces());
      }
      TraceMerger merger = new TraceMerger(traces, maxBytesPerTrace);
      out = writer.compact(tenant, id, () -> merger, inputs);
      TraceMerger.Stats stats = merger.stats();
      logger.info(
          "Compacted {} blocks of tenant {} into {}: {} traces, {} combined, {} identical, {} kept"
              + " from the first block only (over the bytes per trace)",
          inputs.size(),
          tenant,
          id,
          stats.traces,
          stats.combined,
          stats.identical,
          stats.tooLarge);
    } catch (RuntimeException e) {
      removeUnfinished(tenant, id, e);
      throw e;
    } finally {
      for (BlockTraceIterator t : traces) {
        try {
          t.close();
        } catch (RuntimeException e) {
          logger.debug("Closing an input of {} failed: {}", key, e.toString());
        }
      }
      writing.remove(key);
    }
    blocks.remember(out);
    Instant now = clock.instant();
    for (BlockMeta in : inputs) {
      BlockMarks.markCompacted(store, in, now);
    }
    return out;
  }

  /** Deletes what a failed job wrote of its output, unless its meta may exist. */
  private void removeUnfinished(String tenant, UUID id, RuntimeException failure) {
    String dir = tenant + "/" + id + "/";
    try {
      try {
        store.get(dir + BlockMetaJson.META_OBJECT);
        return; // the output is complete and visible: keep it
      } catch (ObjectNotFoundException expected) {
        // not visible: remove it
      }
      deleteBlock(tenant, id, store.list(dir));
    } catch (RuntimeException e) {
      failure.addSuppressed(e); // left for the leftover cleanup
    }
  }

  private void deleteBlock(String tenant, UUID id, List<String> keys) {
    String meta = tenant + "/" + id + "/" + BlockMetaJson.META_OBJECT;
    for (String k : keys) {
      if (k.equals(meta)) {
        throw new IllegalStateException(tenant + "/" + id + " has a meta: not a leftover");
      }
      store.delete(k);
    }
  }
}
