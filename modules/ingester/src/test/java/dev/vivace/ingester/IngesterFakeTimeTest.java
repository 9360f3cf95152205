package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.ingest.IngestLog;
import dev.vivace.query.TimeRange;
import dev.vivace.storage.CapacityException;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.Traces;
import dev.vivace.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ingester's schedule, retries and timeouts on a fake clock: the flush loop, block writes and
 * waits run on the test's thread when the fake scheduler moves the clock; the write-ahead log is
 * real.
 */
class IngesterFakeTimeTest {

  @TempDir Path wal;

  final MutableClock clock = new MutableClock();
  final FakeFlushScheduler scheduler = new FakeFlushScheduler(clock);
  final MemoryBlocks blocks = new MemoryBlocks();
  final LiveTraceStore store = FakeTimeIngester.store(clock);

  IngesterBuilder builder(IngestLog log) {
    return FakeTimeIngester.builder(store, log, blocks, scheduler);
  }

  Ingester started(IngestLog log) {
    Ingester ingester = builder(log).build();
    ingester.start();
    return ingester;
  }

  long segments() throws IOException {
    try (Stream<Path> files = Files.list(wal)) {
      return files.filter(f -> f.toString().endsWith(".wal")).count();
    }
  }

  int spansInMemory(Ingester ingester, int trace) {
    return Traces.spanCount(ingester.find("t", trace(trace), TimeRange.ALL).fragments());
  }

  static List<Duration> seconds(long... values) {
    return java.util.Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
  }

  @Test
  void theFlushLoopCutsIdleTracesAndThenTheHeadBlockOnSchedule() {
    Ingester ingester = started(WriteAheadLog.builder(wal).build());
    ingester.push("t", batch(span(1, 1, "a")));

    scheduler.advance(Duration.ofMillis(9999));
    assertThat(store.liveTraces("t")).as("the first check is one period after start").isEqualTo(1);
    scheduler.advance(Duration.ofMillis(1));
    assertThat(store.headTraces("t")).isEqualTo(1);

    // The head block started at 10 s: it is cut at the first check 30 s later, at 40 s.
    scheduler.advance(Duration.ofMillis(29_999));
    assertThat(blocks.blocks).isEmpty();
    scheduler.advance(Duration.ofMillis(1));
    assertThat(blocks.blocks).hasSize(1);
    assertThat(blocks.spans(trace(1))).isEqualTo(1);
    assertThat(ingester.flushedBlocks()).isEqualTo(1);
    assertThat(ingester.pendingBlocks()).isZero();
    assertThat(store.heldBytes()).isZero();
    assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(40));
    ingester.close();
  }

  @Test
  void failedFlushesAreRetriedWithExponentialBackoffUpToTheMax() {
    Ingester ingester = started(WriteAheadLog.builder(wal).build());
    ingester.push("t", batch(span(1, 1, "a")));
    blocks.failNext.set(6);

    assertThat(ingester.flushAll(Duration.ofMinutes(10))).isTrue();

    assertThat(scheduler.delays()).isEqualTo(seconds(1, 2, 4, 8, 10, 10));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(35));
    assertThat(ingester.failedFlushes()).isEqualTo(6);
    assertThat(ingester.flushedBlocks()).isEqualTo(1);
    assertThat(blocks.spans(trace(1))).isEqualTo(1);
    ingester.close();
  }

  @Test
  void theDefaultBackoffStartsAtOneSecondAndStopsGrowingAtOneMinute() {
    Ingester ingester =
        Ingester.builder(store, WriteAheadLog.builder(wal).build(), blocks)
            .scheduler(scheduler)
            .build();
    ingester.start();
    ingester.push("t", batch(span(1, 1, "a")));
    blocks.failNext.set(8);

    assertThat(ingester.flushAll(Duration.ofMinutes(10))).isTrue();

    assertThat(scheduler.delays()).isEqualTo(seconds(1, 2, 4, 8, 16, 32, 60, 60));
    assertThat(ingester.failedFlushes()).isEqualTo(8);
    ingester.close();
  }

  @Test
  void flushAllGivesUpAtItsTimeoutAndTheLogIsReleasedOnlyOnceTheBlockIsWritten()
      throws IOException {
    Ingester ingester = started(WriteAheadLog.builder(wal).segmentBytes(1024).build());
    for (int i = 1; i <= 10; i++) {
      ingester.push("t", batch(span(i, 1, "x".repeat(150))));
    }
    long before = segments();
    assertThat(before).isGreaterThan(1);
    blocks.failNext.set(3);

    // Attempts at 0 s and 1 s fail; the next is due at 3 s, after the timeout.
    assertThat(ingester.flushAll(Duration.ofMillis(1500))).isFalse();
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(1500));
    assertThat(ingester.failedFlushes()).isEqualTo(2);
    assertThat(ingester.pendingBlocks()).isEqualTo(1);
    assertThat(segments()).as("nothing is released before the block is written").isEqualTo(before);
    assertThat(spansInMemory(ingester, 7)).isEqualTo(1);

    scheduler.advance(Duration.ofMillis(1500)); // 3 s: the third attempt fails
    assertThat(segments()).isEqualTo(before);
    scheduler.advance(Duration.ofSeconds(4)); // 7 s: written
    assertThat(ingester.flushedBlocks()).isEqualTo(1);
    assertThat(segments()).isZero();
    assertThat(ingester.flushAll(Duration.ZERO)).isTrue();
    ingester.close();

    Ingester again =
        Ingester.builder(store, WriteAheadLog.builder(wal).build(), blocks)
            .scheduler(new FakeFlushScheduler(clock))
            .build();
    assertThat(again.start()).as("records replayed after the release").isZero();
    again.close();
  }

  @Test
  void pushesAreRefusedOnlyOverMaxHeldBytesAndAcceptedAgainOnceTheLoopFlushed() {
    long one = LiveTraceStoreCutTest.bytesOfOneSpan("x".repeat(300));
    Ingester ingester = builder(WriteAheadLog.builder(wal).build()).maxHeldBytes(one).build();
    ingester.start();
    ingester.push("t", batch(span(1, 1, "x".repeat(300))));
    assertThat(store.heldBytes()).isEqualTo(one);
    // Exactly at the limit is not over it.
    ingester.push("t", batch(span(2, 1, "x".repeat(300))));

    assertThatThrownBy(() -> ingester.push("t", batch(span(3, 1, "y"))))
        .isInstanceOf(CapacityException.class)
        .hasMessage(
            "the ingester holds "
                + 2 * one
                + " bytes of spans not yet in blocks (limit "
                + one
                + "); blocks are being flushed, retry later");
    assertThat(spansInMemory(ingester, 3)).isZero();

    // The next check moves the traces to the head block file: memory holds none.
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(store.heldBytes()).isZero();
    assertThat(ingester.push("t", batch(span(3, 1, "y"))).acceptedSpans()).isEqualTo(1);
    ingester.close();
  }

  @ParameterizedTest(name = "trace moved to the head block meanwhile: {0}")
  @ValueSource(booleans = {false, true})
  void anAppendTheLogNeverAnswersFailsThePushAndIsTakenBack(boolean movedToHead) {
    SilentLog log = new SilentLog();
    if (movedToHead) {
      log.onAppend =
          () -> {
            clock.advance(Duration.ofSeconds(5));
            assertThat(store.cutIdleTraces()).isEqualTo(1);
          };
    }
    Ingester ingester = builder(log).appendTimeout(Duration.ofMillis(1)).build();
    ingester.start();

    assertThatThrownBy(() -> ingester.push("t", batch(span(1, 1, "a"))))
        .isInstanceOf(StorageException.class)
        .hasMessage("spans could not be made durable: the write-ahead log did not answer in time")
        .hasCauseInstanceOf(TimeoutException.class);

    assertThat(log.appends).isEqualTo(1);
    assertThat(store.heldBytes()).isZero();
    assertThat(store.liveTraces("t") + store.headTraces("t")).isZero();
    assertThat(spansInMemory(ingester, 1)).isZero();
    assertThat(ingester.flushAll(Duration.ZERO)).isTrue();
    assertThat(blocks.blocks).isEmpty();
    ingester.close();
  }

  @Test
  void closeStopsTheLoopAndLeavesWhatWasNotFlushedToReplay() {
    Ingester first = started(WriteAheadLog.builder(wal).build());
    first.push("t", batch(span(1, 1, "flushed")));
    scheduler.advance(Duration.ofSeconds(40));
    assertThat(blocks.spans(trace(1))).isEqualTo(1);
    first.push("t", batch(span(2, 1, "live")));
    first.push("t", batch(span(3, 1, "live"), span(3, 2, "live")));
    scheduler.advance(Duration.ofSeconds(10)); // traces 2 and 3 go to the head block

    first.close();
    assertThat(scheduler.closed()).isTrue();
    assertThat(scheduler.pending()).isZero();

    LiveTraceStore fresh = LiveTraceStore.builder().clock(clock).build();
    Ingester second =
        Ingester.builder(fresh, WriteAheadLog.builder(wal).build(), blocks)
            .scheduler(new FakeFlushScheduler(clock))
            .build();
    assertThat(second.start()).isEqualTo(2);
    assertThat(Traces.spanCount(second.find("t", trace(3), TimeRange.ALL).fragments()))
        .isEqualTo(2);
    assertThat(Traces.spanCount(second.find("t", trace(2), TimeRange.ALL).fragments()))
        .isEqualTo(1);
    assertThat(second.find("t", trace(1), TimeRange.ALL).isEmpty()).isTrue();
    assertThat(blocks.blocks).hasSize(1);
    second.close();
  }

  @Test
  void blocksCutWhileReplayingAreRetriedUntilWrittenAndLoseNothing() {
    WriteAheadLog writing = WriteAheadLog.builder(wal).build();
    for (int i = 1; i <= 20; i++) {
      writing.append("t", batch(span(i, 1, "x".repeat(200)))).join();
    }
    writing.close();
    long one = LiveTraceStoreCutTest.bytesOfOneSpan("x".repeat(200));
    long oneOnDisk = LiveTraceStoreCutTest.diskBytesOfOneSpan("x".repeat(200));
    LiveTraceStore small =
        LiveTraceStore.builder()
            .clock(clock)
            .traceIdlePeriod(Duration.ofSeconds(5))
            .maxBlockBytes(4 * oneOnDisk)
            .build();
    blocks.failNext.set(2);
    Ingester ingester =
        FakeTimeIngester.builder(small, WriteAheadLog.builder(wal).build(), blocks, scheduler)
            .maxHeldBytes(10 * one)
            .build();

    // Past half the budget, replay moves what it restored to the head block file, and cuts the
    // head block once it holds max_block_bytes: three blocks of six traces, two traces live.
    assertThat(ingester.start()).isEqualTo(20);
    assertThat(small.heldBytes()).isEqualTo(2 * one);
    assertThat(ingester.pendingBlocks()).isEqualTo(3);

    scheduler.advance(Duration.ofSeconds(1));
    assertThat(ingester.pendingBlocks()).isZero();
    assertThat(ingester.failedFlushes()).isEqualTo(2);
    assertThat(scheduler.delays())
        .as("the first two writes failed once each")
        .isEqualTo(seconds(1, 1));
    for (int i = 1; i <= 20; i++) {
      assertThat(blocks.spans(trace(i)) + spansInMemory(ingester, i))
          .as("spans of trace %d", i)
          .isEqualTo(1);
    }
    assertThat(blocks.blocks).hasSize(3);
    ingester.close();
  }
}
