package dev.vivace.block.vparquet4;

import dev.vivace.load.SampleTraces;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bloom filter of a 10,000-trace block (Tempo's sizing: 1 % false positives, 100 KiB shards):
 * choosing the shard and testing an ID that is in it and one that is not, and parsing a shard as
 * read from storage. In this package to reach the package-private filter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BloomBenchmark {

  static final int IDS = 1_000;

  byte[][] present = new byte[IDS][];
  byte[][] absent = new byte[IDS][];
  BloomFilter[] shards = new BloomFilter[0];
  byte[] shardBytes = new byte[0];
  double falsePositives;

  @Setup
  public void setup() {
    ShardedBloomFilter sharded = new ShardedBloomFilter(BloomParams.forEstimate(10_000));
    SampleTraces in = SampleTraces.of(4, 0);
    for (int i = 0; i < 10_000; i++) {
      byte[] id = in.trace(i).traceIdBytes();
      sharded.add(id);
      if (i < IDS) {
        present[i] = id;
      }
    }
    SampleTraces out = SampleTraces.of(5, 0);
    for (int i = 0; i < IDS; i++) {
      absent[i] = out.trace(i).traceIdBytes();
    }
    shards = new BloomFilter[sharded.shardCount()];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = BloomFilter.parse(sharded.shardBytes(i));
    }
    shardBytes = sharded.shardBytes(0);
    int fp = 0;
    for (byte[] id : absent) {
      fp += shards[ShardedBloomFilter.shardOf(id, shards.length)].mayContain(id) ? 1 : 0;
    }
    falsePositives = fp / (double) IDS;
    System.out.printf(
        "%n[bloom] %d shards of %,d bytes, measured false-positive rate %.3f%n",
        shards.length, shardBytes.length, falsePositives);
  }

  private int test(byte[][] ids) {
    int hits = 0;
    for (byte[] id : ids) {
      if (shards[ShardedBloomFilter.shardOf(id, shards.length)].mayContain(id)) {
        hits++;
      }
    }
    return hits;
  }

  @Benchmark
  @OperationsPerInvocation(IDS)
  public int testPresent() {
    return test(present);
  }

  @Benchmark
  @OperationsPerInvocation(IDS)
  public int testAbsent() {
    return test(absent);
  }

  @Benchmark
  public BloomFilter parseShard() {
    return BloomFilter.parse(shardBytes);
  }
}
