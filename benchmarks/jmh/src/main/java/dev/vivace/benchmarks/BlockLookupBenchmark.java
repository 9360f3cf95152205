package dev.vivace.benchmarks;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.trace.TraceId;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Trace by ID in one vParquet4 block of {@code traces} realistic traces on local disk. {@code
 * cold}: a new reader over the plain store each time (objects come from the OS page cache, no
 * process cache); {@code cached}: every object and range already in memory, so what is left is
 * decoding. {@code absent} looks up IDs the block does not hold (the bloom filter answers). Score:
 * milliseconds per lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BlockLookupBenchmark {

  @Param({"1000", "5000"})
  public int traces;

  Path dir = Path.of(".");
  ObjectStore local = LocalObjectStore.of(dir);
  ObjectStore cached = local;

  @SuppressWarnings("NullAway")
  BlockMeta meta;

  TraceId[] ids = new TraceId[0];
  TraceId[] absentIds = new TraceId[0];
  int next;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = Files.createTempDirectory("vivace-lookup-bench");
    local = LocalObjectStore.of(dir);
    List<BlockTrace> sorted = Fixtures.sortedTraces(6, traces);
    meta =
        VParquet4BlockWriter.builder(local)
            .tempDir(dir)
            .build()
            .write("bench", UUID.randomUUID(), sorted);
    cached = new CachingObjectStore(local);
    ids = new TraceId[256];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = sorted.get((int) ((long) i * sorted.size() / ids.length)).traceId();
    }
    List<BlockTrace> others = Fixtures.sortedTraces(7, 64);
    absentIds = others.stream().map(BlockTrace::traceId).toArray(TraceId[]::new);
    System.out.printf(
        "%n[lookup] block of %,d traces, %,d spans, data.parquet %,d bytes%n",
        traces, Fixtures.spanCount(sorted), meta.size());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Fixtures.deleteTree(dir);
  }

  private TraceLookup find(ObjectStore store, TraceId id) {
    TraceLookup found = VParquet4BlockReader.of(store, meta).find(id);
    return found;
  }

  @Benchmark
  public TraceLookup cold() {
    TraceLookup found = find(local, ids[next++ & (ids.length - 1)]);
    if (found.isEmpty()) {
      throw new IllegalStateException("trace not found");
    }
    return found;
  }

  @Benchmark
  public TraceLookup cached() {
    TraceLookup found = find(cached, ids[next++ & (ids.length - 1)]);
    if (found.isEmpty()) {
      throw new IllegalStateException("trace not found");
    }
    return found;
  }

  @Benchmark
  public TraceLookup absent() {
    return find(local, absentIds[next++ & (absentIds.length - 1)]);
  }
}
