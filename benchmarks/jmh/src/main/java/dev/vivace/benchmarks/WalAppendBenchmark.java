package dev.vivace.benchmarks;

import dev.vivace.ingest.LogPosition;
import dev.vivace.load.SampleTraces;
import dev.vivace.wal.WriteAheadLog;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending one request's spans (about 64 realistic spans, as a small SDK batch) to the write-ahead
 * log and waiting until it is durable, from 8 threads at once as concurrent requests do, so group
 * commit shares fsyncs. {@code sync=false} shows the cost without fsync. The score is appends per
 * second over all threads; the log is in {@code java.io.tmpdir}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(8)
public class WalAppendBenchmark {

  @Param({"true", "false"})
  public boolean sync;

  Path dir = Path.of(".");
  WriteAheadLog log = WriteAheadLog.builder(dir).build();
  List<ResourceSpans> batch = List.of();

  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = Files.createTempDirectory("vivace-wal-bench");
    log = WriteAheadLog.builder(dir).sync(sync).segmentBytes(64L * 1024 * 1024).build();
    batch = SampleTraces.of(2, 0).batchesWithAtLeast(64);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long appended = log.appendedBytes();
    long fsyncs = log.fsyncCount();
    log.close();
    Fixtures.deleteTree(dir);
    System.out.printf("%n[wal sync=%s] %,d bytes appended, %,d fsyncs%n", sync, appended, fsyncs);
  }

  @Benchmark
  public LogPosition append() {
    LogPosition p = log.append("bench", batch).join();
    return p;
  }
}
