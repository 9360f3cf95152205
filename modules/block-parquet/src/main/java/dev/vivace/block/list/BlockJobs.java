package dev.vivace.block.list;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.query.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What trace lookups and searches share: which blocks to read, and reading them concurrently. */
final class BlockJobs {

  private BlockJobs() {}

  /** The message for a query answered while the last poll could not list the store. */
  static @Nullable String listingFailure(Blocklist blocklist) {
    String reason = blocklist.listingFailure();
    return reason == null
        ? null
        : "the block list could not be refreshed from storage, recent blocks may be missing: "
            + reason;
  }

  /**
   * The tenant's readable (vParquet4 and vParquet3) blocks whose time range overlaps {@code range}.
   */
  static List<BlockMeta> candidates(Blocklist blocklist, String tenant, TimeRange range) {
    List<BlockMeta> out = new ArrayList<>();
    for (BlockMeta meta : blocklist.candidates(tenant, range)) {
      if (VParquet4BlockReader.isReadable(meta.version())) {
        out.add(meta);
      }
    }
    return out;
  }

  /**
   * Runs {@code job} for each block, in order on the calling thread, or concurrently on {@code
   * executor} (which bounds the parallelism) when there is one and several blocks; waits for all
   * and returns their results in block order. A job's runtime exception is rethrown.
   */
  static <T> List<T> run(
      List<BlockMeta> blocks, @Nullable Executor executor, Function<BlockMeta, T> job) {
    return run(blocks, executor, blocks.size(), job);
  }

  /**
   * Like {@link #run(List, Executor, Function)}, but with at most {@code parallelism} blocks read
   * at once, taken in order: a search that has enough after the first blocks then starts no other.
   */
  static <T> List<T> run(
      List<BlockMeta> blocks,
      @Nullable Executor executor,
      int parallelism,
      Function<BlockMeta, T> job) {
    List<T> out = new ArrayList<>(blocks.size());
    if (executor == null || blocks.size() < 2 || parallelism < 2) {
      for (BlockMeta meta : blocks) {
        out.add(job.apply(meta));
      }
      return out;
    }
    if (parallelism >= blocks.size()) {
      List<CompletableFuture<T>> jobs = new ArrayList<>(blocks.size());
      for (BlockMeta meta : blocks) {
        jobs.add(CompletableFuture.supplyAsync(() -> job.apply(meta), executor));
      }
      for (CompletableFuture<T> j : jobs) {
        out.add(join(j));
      }
      return out;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReferenceArray<T> results = new AtomicReferenceArray<>(blocks.size());
    List<CompletableFuture<@Nullable Void>> workers = new ArrayList<>(parallelism);
    for (int w = 0; w < parallelism; w++) {
      workers.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = next.getAndIncrement();
                    i < blocks.size();
                    i = next.getAndIncrement()) {
                  results.set(i, job.apply(blocks.get(i)));
                }
              },
              executor));
    }
    for (CompletableFuture<@Nullable Void> w : workers) {
      join(w);
    }
    for (int i = 0; i < blocks.size(); i++) {
      out.add(results.get(i));
    }
    return out;
  }

  private static <T> T join(CompletableFuture<T> job) {
    try {
      return job.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
