package dev.vivace.benchmarks;

import dev.vivace.block.BlockTrace;
import dev.vivace.block.list.BlockObjectCache;
import dev.vivace.block.list.BlockTraceFinder;
import dev.vivace.block.list.Blocklist;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.trace.TraceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Trace by ID over 120 blocks (20 traces each) behind an object store that costs 20 ms per request,
 * through {@link BlockTraceFinder}: {@code parallelism=1} is the sequential finder, 16 looks blocks
 * up on 16 threads. {@code cache=server} puts a {@link BlockObjectCache} of the server's default
 * size in front of the store, as the server wires it (bloom shards and indexes then come from
 * memory after the first lookup); {@code cache=none} reads every object from the store each time.
 * Each iteration prints the GETs and bytes that reached the store per lookup. Score: milliseconds
 * per lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 2, time = 5)
@Fork(1)
public class ManyBlocksLookupBenchmark {

  static final int BLOCKS = 120;
  static final int TRACES_PER_BLOCK = 20;

  @Param({"1", "16"})
  public int parallelism;

  @Param({"20"})
  public int latencyMillis;

  @Param({"none", "server"})
  public String cache = "none";

  Path dir = Path.of(".");
  InstrumentedObjectStore store =
      new InstrumentedObjectStore(LocalObjectStore.of(dir), Duration.ZERO, d -> {});
  BlockTraceFinder finder = new BlockTraceFinder(store, new Blocklist());
  ExecutorService pool = Executors.newSingleThreadExecutor();
  List<TraceId> ids = new ArrayList<>();
  long lookups;
  InstrumentedObjectStore.Counts before = store.counts();
  int next;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = Files.createTempDirectory("vivace-blocks-bench");
    LocalObjectStore local = LocalObjectStore.of(dir);
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(local).tempDir(dir).build();
    Blocklist blocklist = new Blocklist();
    List<BlockTrace> all = Fixtures.sortedTraces(8, BLOCKS * TRACES_PER_BLOCK);
    for (int b = 0; b < BLOCKS; b++) {
      List<BlockTrace> slice = new ArrayList<>();
      for (int i = b; i < all.size(); i += BLOCKS) {
        slice.add(all.get(i));
      }
      blocklist.add(writer.write("bench", UUID.randomUUID(), slice));
      ids.add(slice.get(b % slice.size()).traceId());
    }
    store =
        new InstrumentedObjectStore(
            local, Duration.ofMillis(latencyMillis), InstrumentedObjectStore.Sleeper.REAL);
    pool = Executors.newFixedThreadPool(parallelism);
    ObjectStore front =
        cache.equals("server")
            ? new BlockObjectCache(store, BlockObjectCache.DEFAULT_MAX_BYTES)
            : store;
    finder =
        parallelism == 1
            ? new BlockTraceFinder(front, blocklist)
            : new BlockTraceFinder(front, blocklist, pool);
  }

  @Setup(Level.Iteration)
  public void startCounting() {
    before = store.counts();
    lookups = 0;
  }

  @TearDown(Level.Iteration)
  public void report() {
    InstrumentedObjectStore.Counts c = store.counts();
    if (lookups > 0) {
      System.out.printf(
          "%n[%d blocks, %d ms/request, parallelism %d, cache %s] per lookup: %.1f GETs "
              + "(%.1f whole, %.1f ranges), %,.0f bytes read%n",
          BLOCKS,
          latencyMillis,
          parallelism,
          cache,
          (c.reads() - before.reads()) / (double) lookups,
          (c.gets() - before.gets()) / (double) lookups,
          (c.rangeGets() - before.rangeGets()) / (double) lookups,
          (c.bytesRead() - before.bytesRead()) / (double) lookups);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
    Fixtures.deleteTree(dir);
  }

  @Benchmark
  public TraceLookup traceById() {
    TraceLookup found = finder.find("bench", ids.get(next++ % ids.size()), TimeRange.ALL);
    if (found.isEmpty()) {
      throw new IllegalStateException("trace not found");
    }
    lookups++;
    return found;
  }
}
