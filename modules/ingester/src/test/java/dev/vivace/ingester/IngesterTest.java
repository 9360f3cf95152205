package dev.vivace.ingester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.ingest.IngestLog;
import dev.vivace.ingest.LogPosition;
import dev.vivace.query.TimeRange;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import dev.vivace.wal.WriteAheadLog;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngesterTest {

  @TempDir Path wal;

  final MemoryBlocks blocks = new MemoryBlocks();

  Ingester ingester(WriteAheadLog log) {
    LiveTraceStore store =
        LiveTraceStore.builder()
            .traceIdlePeriod(Duration.ofMillis(50))
            .maxBlockDuration(Duration.ofMillis(100))
            .build();
    return Ingester.builder(store, log, blocks)
        .flushCheckPeriod(Duration.ofMillis(50))
        .flushBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
        .build();
  }

  long segments() throws IOException {
    try (Stream<Path> files = Files.list(wal)) {
      return files.filter(f -> f.toString().endsWith(".wal")).count();
    }
  }

  @Test
  void acknowledgedSpansSurviveACrashThroughReplay() {
    Ingester first = ingester(WriteAheadLog.builder(wal).build());
    first.start();
    first.push("t", TestSpans.batch(TestSpans.span(1, 1, "a")));
    first.push("t", TestSpans.batch(TestSpans.span(1, 2, "b")));
    // No close, no flush: as if the process died here.

    Ingester second = ingester(WriteAheadLog.builder(wal).build());
    assertThat(second.start()).isEqualTo(2);
    assertThat(Traces.spanCount(second.find("t", TestSpans.trace(1), TimeRange.ALL).fragments()))
        .isEqualTo(2);
    second.close();
  }

  @Test
  void flushAllWritesBlocksAndReleasesTheLog() throws IOException {
    Ingester ingester = ingester(WriteAheadLog.builder(wal).segmentBytes(1024).build());
    ingester.start();
    for (int i = 1; i <= 30; i++) {
      ingester.push("t", TestSpans.batch(TestSpans.span(i, 1, "x".repeat(50))));
    }
    assertThat(segments()).isGreaterThan(1);

    assertThat(ingester.flushAll(Duration.ofSeconds(10))).isTrue();

    assertThat(blocks.spans(TestSpans.trace(7))).isEqualTo(1);
    assertThat(ingester.find("t", TestSpans.trace(7), TimeRange.ALL).isEmpty()).isTrue();
    assertThat(segments()).isLessThanOrEqualTo(1);
    ingester.close();
    // Nothing is replayed twice: what was flushed is gone from the log.
    Ingester again = ingester(WriteAheadLog.builder(wal).build());
    assertThat(again.start()).isZero();
    again.close();
  }

  @Test
  void failedFlushesAreRetriedAndTracesStayFindable() {
    Ingester ingester = ingester(WriteAheadLog.builder(wal).build());
    ingester.start();
    ingester.push("t", TestSpans.batch(TestSpans.span(3, 1, "a")));
    blocks.failNext.set(3);

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ingester.failedFlushes() >= 1);
    assertThat(ingester.find("t", TestSpans.trace(3), TimeRange.ALL).isEmpty()).isFalse();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ingester.flushedBlocks() == 1);
    assertThat(ingester.failedFlushes()).isEqualTo(3);
    assertThat(blocks.spans(TestSpans.trace(3))).isEqualTo(1);
    ingester.close();
  }

  @Test
  void aLogFailureRefusesThePushAndLosesNothingForTheRetry() {
    WriteAheadLog log = WriteAheadLog.builder(wal).build();
    Ingester broken = ingester(log);
    broken.start();
    log.close();
    assertThatThrownBy(() -> broken.push("t", TestSpans.batch(TestSpans.span(4, 1, "a"))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("spans could not be made durable");
    // The spans were taken back: they are not served as if they had been accepted.
    assertThat(broken.find("t", TestSpans.trace(4), TimeRange.ALL).isEmpty()).isTrue();

    Ingester working = ingester(WriteAheadLog.builder(wal).build());
    working.start();
    working.push("t", TestSpans.batch(TestSpans.span(4, 1, "a")));
    Ingester replayed = ingester(WriteAheadLog.builder(wal).build());
    assertThat(replayed.start()).isEqualTo(1);
  }

  @Test
  void pushesAreRefusedWhileTooMuchIsHeldAndAcceptedAgainAfterAFlush() {
    LiveTraceStore store = LiveTraceStore.builder().traceIdlePeriod(Duration.ofMinutes(1)).build();
    Ingester ingester =
        Ingester.builder(store, WriteAheadLog.builder(wal).build(), blocks)
            .maxHeldBytes(300)
            .build();
    ingester.start();
    ingester.push("t", TestSpans.batch(TestSpans.span(5, 1, "x".repeat(400))));
    assertThat(store.heldBytes()).isGreaterThan(300);
    assertThatThrownBy(() -> ingester.push("t", TestSpans.batch(TestSpans.span(6, 1, "y"))))
        .isInstanceOf(dev.vivace.storage.CapacityException.class)
        .hasMessageContaining("blocks are being flushed, retry later");

    assertThat(ingester.flushAll(Duration.ofSeconds(10))).isTrue();
    assertThat(store.heldBytes()).isZero();
    ingester.push("t", TestSpans.batch(TestSpans.span(6, 1, "y")));
    ingester.close();
  }

  @Test
  void memoryPressureMovesLiveTracesToDiskBeforeTheyGoIdle() {
    LiveTraceStore store =
        LiveTraceStore.builder()
            .traceIdlePeriod(Duration.ofHours(1))
            .maxBlockDuration(Duration.ofHours(1))
            .build();
    Ingester ingester =
        Ingester.builder(store, WriteAheadLog.builder(wal).build(), blocks)
            .flushCheckPeriod(Duration.ofMillis(50))
            .maxHeldBytes(1000)
            .build();
    ingester.start();
    ingester.push("t", TestSpans.batch(TestSpans.span(7, 1, "x".repeat(600))));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.heldBytes() == 0);
    assertThat(store.headTraces("t")).isEqualTo(1);
    assertThat(store.diskBytes()).isPositive();
    assertThat(ingester.flushedBlocks()).as("the head block is not due").isZero();

    // The trace goes on in memory; lookups join both parts.
    ingester.push("t", TestSpans.batch(TestSpans.span(7, 2, "y")));
    assertThat(Traces.spanCount(ingester.find("t", TestSpans.trace(7), TimeRange.ALL).fragments()))
        .isEqualTo(2);
    assertThat(ingester.flushAll(Duration.ofSeconds(10))).isTrue();
    assertThat(blocks.spans(TestSpans.trace(7))).isEqualTo(2);
    ingester.close();
  }

  @Test
  void replayRebuildsTheHeadBlockFilesAfterACrash() throws IOException {
    Path heads = wal.resolve("head");
    LiveTraceStore firstStore =
        LiveTraceStore.builder()
            .traceIdlePeriod(Duration.ofMillis(50))
            .maxBlockDuration(Duration.ofHours(1))
            .headDirectory(heads)
            .build();
    Ingester first =
        Ingester.builder(firstStore, WriteAheadLog.builder(wal).build(), blocks)
            .flushCheckPeriod(Duration.ofMillis(50))
            .build();
    first.start();
    first.push("t", TestSpans.batch(TestSpans.span(1, 1, "a")));
    first.push("t", TestSpans.batch(TestSpans.span(2, 1, "b")));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> firstStore.headTraces("t") == 2);
    first.push("t", TestSpans.batch(TestSpans.span(1, 2, "c")));
    first.close(); // the log is closed as after a crash; the head block file stays behind
    assertThat(headFiles(heads)).hasSize(1);

    LiveTraceStore store =
        LiveTraceStore.builder()
            .traceIdlePeriod(Duration.ofMinutes(1))
            .maxBlockDuration(Duration.ofHours(1))
            .headDirectory(heads)
            .build();
    Ingester second = Ingester.builder(store, WriteAheadLog.builder(wal).build(), blocks).build();
    assertThat(second.start()).isEqualTo(3);
    assertThat(headFiles(heads)).as("the left-over file is not trusted").isEmpty();
    assertThat(store.cutAllLiveTraces()).isEqualTo(2);
    assertThat(headFiles(heads)).hasSize(1);

    assertThat(Traces.spanCount(second.find("t", TestSpans.trace(1), TimeRange.ALL).fragments()))
        .as("each span once")
        .isEqualTo(2);
    assertThat(second.flushAll(Duration.ofSeconds(10))).isTrue();
    assertThat(blocks.spans(TestSpans.trace(1))).isEqualTo(2);
    assertThat(blocks.spans(TestSpans.trace(2))).isEqualTo(1);
    assertThat(headFiles(heads)).isEmpty();
    second.close();
  }

  static List<Path> headFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(HeadFile.SUFFIX)).toList();
    }
  }

  /** A log that reports how much the store held after each record replayed. */
  static IngestLog watchingReplay(IngestLog log, LiveTraceStore store, AtomicLong mostHeld) {
    return new IngestLog() {
      @Override
      public CompletableFuture<LogPosition> append(String tenant, List<ResourceSpans> batches) {
        return log.append(tenant, batches);
      }

      @Override
      public LogPosition head() {
        return log.head();
      }

      @Override
      public long replay(LogConsumer consumer) {
        return log.replay(
            (position, tenant, batches) -> {
              consumer.accept(position, tenant, batches);
              mostHeld.accumulateAndGet(store.heldBytes(), Math::max);
            });
      }

      @Override
      public void release(LogPosition position) {
        log.release(position);
      }

      @Override
      public void close() {
        log.close();
      }
    };
  }

  @Test
  void replayMovesTracesToTheHeadBlockFilesWhenTheLogIsLargerThanTheMemoryBudget()
      throws IOException {
    WriteAheadLog writing = WriteAheadLog.builder(wal).segmentBytes(4096).build();
    int traces = 200;
    for (int i = 1; i <= traces; i++) {
      writing.append("t", TestSpans.batch(TestSpans.span(i, 1, "x".repeat(200)))).join();
    }
    writing.close();
    long segmentsBefore = segments();

    LiveTraceStore store =
        LiveTraceStore.builder()
            .traceIdlePeriod(Duration.ofMinutes(1))
            .maxBlockBytes(20_000)
            .build();
    long budget = 10_000;
    AtomicLong mostHeld = new AtomicLong();
    Ingester ingester =
        Ingester.builder(
                store,
                watchingReplay(
                    WriteAheadLog.builder(wal).segmentBytes(4096).build(), store, mostHeld),
                blocks)
            .maxHeldBytes(budget)
            .build();

    assertThat(ingester.start()).isEqualTo(traces);

    // Memory never held the whole log (about 50 KB): the head block files took it, and blocks
    // were cut at max_block_bytes along the way.
    assertThat(mostHeld.get()).isPositive().isLessThanOrEqualTo(budget / 2 + 300);
    assertThat(store.heldBytes()).isLessThanOrEqualTo(budget);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ingester.pendingBlocks() == 0);
    assertThat(blocks.blocks.size()).isGreaterThanOrEqualTo(2);
    // Every span is in exactly one place: a block, a head block file or memory.
    for (int i = 1; i <= traces; i++) {
      TraceId id = TestSpans.trace(i);
      int held = Traces.spanCount(ingester.find("t", id, TimeRange.ALL).fragments());
      assertThat(blocks.spans(id) + held).as("spans of trace %d", i).isEqualTo(1);
    }
    // What went into blocks is released from the log once replay has read it all.
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> segments() < segmentsBefore);
    ingester.close();
    Ingester again = ingester(WriteAheadLog.builder(wal).build());
    assertThat(again.start()).isLessThan(traces);
    again.close();
  }

  @Test
  void aSpanAcknowledgedAfterTheLogWasFullyReleasedSurvivesACrash() throws IOException {
    Ingester first = ingester(WriteAheadLog.builder(wal).segmentBytes(1024).build());
    first.start();
    blocks.failingTenants.add("bad");
    first.push("good", TestSpans.batch(TestSpans.span(1, 1, "x".repeat(100))));
    first.push("bad", TestSpans.batch(TestSpans.span(2, 1, "x".repeat(100))));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.failedFlushes() >= 2);
    blocks.failingTenants.clear();
    // Both blocks are written and every segment is released.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> blocks.spans(TestSpans.trace(2)) == 1 && segments() == 0);

    // The bad tenant fails again: its new trace is acknowledged and stays in memory and the log,
    // while the good tenant's traffic rolls segments and its flushes release them.
    blocks.failingTenants.add("bad");
    first.push("bad", TestSpans.batch(TestSpans.span(3, 1, "acked")));
    for (int i = 10; i < 40; i++) {
      first.push("good", TestSpans.batch(TestSpans.span(i, 1, "x".repeat(100))));
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> blocks.spans(TestSpans.trace(39)) == 1);
    // No close: as if the process died here.

    Ingester second = ingester(WriteAheadLog.builder(wal).build());
    blocks.failingTenants.add("bad");
    second.start();
    assertThat(Traces.spanCount(second.find("bad", TestSpans.trace(3), TimeRange.ALL).fragments()))
        .isEqualTo(1);
    // Every other acknowledged span is in a block or, replayed, in memory.
    List<Integer> goodTraces = new ArrayList<>(List.of(1));
    for (int i = 10; i < 40; i++) {
      goodTraces.add(i);
    }
    for (int i : goodTraces) {
      TraceId id = TestSpans.trace(i);
      int inMemory = Traces.spanCount(second.find("good", id, TimeRange.ALL).fragments());
      assertThat(blocks.spans(id) + inMemory).as("spans of trace %d", i).isPositive();
    }
    assertThat(blocks.spans(TestSpans.trace(2))).isEqualTo(1);
    second.close();
  }
}
