package dev.vivace.benchmarks;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing 1,000 realistic traces (36,984 spans) as one vParquet4 block: data.parquet, bloom, index,
 * meta.json. {@code store=blackhole} counts the bytes and keeps nothing; {@code store=local} writes
 * files with {@code LocalObjectStore}. The score is spans per second; each iteration also prints
 * the writing thread's CPU time per span, and the trial the bytes per span of data.parquet and of
 * the whole block.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class BlockWriteBenchmark {

  static final int TRACES = 1_000;

  private static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();

  /** Spans in the 1,000 traces of seed 3, checked in setup. */
  static final int SPANS = 36_984;

  @Param({"blackhole", "local"})
  public String store = "blackhole";

  Path dir = Path.of(".");
  List<BlockTrace> traces = List.of();
  ObjectStore objects = new BlackHoleObjectStore();
  VParquet4BlockWriter writer = VParquet4BlockWriter.builder(objects).build();
  long blocks;
  long dataBytes;
  long blockBytes;
  long iterationBlocks;
  long iterationCpuNanos;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    traces = Fixtures.sortedTraces(3, TRACES);
    int spans = Fixtures.spanCount(traces);
    if (spans != SPANS) {
      throw new IllegalStateException("fixture has " + spans + " spans (expected: " + SPANS + ")");
    }
    dir = Files.createTempDirectory("vivace-block-bench");
    objects =
        store.equals("local")
            ? LocalObjectStore.of(dir.resolve("blocks"))
            : new BlackHoleObjectStore();
    writer = VParquet4BlockWriter.builder(objects).tempDir(dir).build();
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    iterationBlocks = 0;
    iterationCpuNanos = 0;
  }

  /** The writing thread's own CPU time, which a busy host does not inflate as it does wall time. */
  @TearDown(Level.Iteration)
  public void endIteration() {
    if (iterationBlocks > 0) {
      double perSpan = iterationCpuNanos / (double) (iterationBlocks * SPANS);
      System.out.printf(
          " [writer thread CPU %.2f µs/span = %,.0f spans/s per core] ",
          perSpan / 1e3, 1e9 / perSpan);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Fixtures.deleteTree(dir);
    if (blocks > 0) {
      System.out.printf(
          "%n[block write %s] %d blocks; data.parquet %.1f bytes/span, whole block "
              + "%.1f bytes/span (%,d bytes per %,d-span block)%n",
          store,
          blocks,
          dataBytes / (double) (blocks * SPANS),
          blockBytes / (double) (blocks * SPANS),
          blockBytes / blocks,
          SPANS);
    }
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public BlockMeta write() throws Exception {
    UUID id = UUID.randomUUID();
    long cpu = THREAD_CPU.getCurrentThreadCpuTime();
    BlockMeta meta = writer.write("bench", id, traces);
    iterationCpuNanos += THREAD_CPU.getCurrentThreadCpuTime() - cpu;
    iterationBlocks++;
    blocks++;
    dataBytes += meta.size();
    if (objects instanceof LocalObjectStore local) {
      Path block = local.root().resolve("bench").resolve(id.toString());
      try (var files = Files.list(block)) {
        for (Path f : files.toList()) {
          blockBytes += Files.size(f);
        }
      }
      Fixtures.deleteTree(block);
    } else {
      BlackHoleObjectStore b = (BlackHoleObjectStore) objects;
      blockBytes = b.bytes.get();
    }
    return meta;
  }
}
