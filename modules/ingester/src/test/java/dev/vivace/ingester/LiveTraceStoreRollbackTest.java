package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.query.TimeRange;
import dev.vivace.trace.Traces;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Taking back a push whose spans could not be made durable, wherever its trace is by then. */
class LiveTraceStoreRollbackTest {

  final MutableClock clock = new MutableClock();
  final LiveTraceStore store =
      LiveTraceStore.builder()
          .clock(clock)
          .traceIdlePeriod(Duration.ofSeconds(5))
          .maxBlockDuration(Duration.ofMinutes(30))
          .limits(t -> new IngestLimits(0, 2))
          .build();

  int spans(int trace) {
    return Traces.spanCount(store.find("t", trace(trace), TimeRange.ALL).fragments());
  }

  @Test
  void aRollbackTakesBackOnlyWhatItsPushAdded() {
    store.accept("t", batch(span(1, 1, "kept")), 1);
    long kept = store.heldBytes();
    PushReceipt failed =
        store.accept("t", batch(span(1, 1, "kept"), span(1, 2, "b"), span(2, 1, "c")), 1);
    assertThat(Traces.spanCount(failed.addedBatches())).isEqualTo(2);

    store.rollback(failed);

    assertThat(spans(1)).isEqualTo(1);
    assertThat(spans(2)).isZero();
    assertThat(store.liveTraces("t")).isEqualTo(1);
    assertThat(store.heldBytes()).isEqualTo(kept);
    // The client's retry is accepted again: the taken-back spans are not duplicates.
    PushReceipt retry = store.accept("t", batch(span(1, 2, "b"), span(2, 1, "c")), 1);
    assertThat(retry.result().refusedCount()).isZero();
    assertThat(retry.addedBytes()).isEqualTo(failed.addedBytes());
    assertThat(spans(1)).isEqualTo(2);
  }

  @Test
  void aRollbackFindsTheTraceInTheHeadBlock() {
    store.accept("t", batch(span(1, 1, "durable")), 1);
    PushReceipt failed = store.accept("t", batch(span(1, 2, "lost"), span(2, 1, "lost")), 1);
    clock.advance(Duration.ofSeconds(5));
    assertThat(store.cutIdleTraces()).isEqualTo(2);

    store.rollback(failed);

    assertThat(spans(1)).isEqualTo(1);
    assertThat(spans(2)).isZero();
    assertThat(store.headTraces("t")).isEqualTo(1);
    assertThat(store.heldBytes()).isZero();
    long onDisk = store.diskBytes();
    assertThat(onDisk)
        .as("the taken-back record no longer counts")
        .isEqualTo(LiveTraceStoreCutTest.diskBytesOfOneSpan("durable"));
    HeadBlock block = store.cutBlocks(true).get(0);
    assertThat(block.bytes()).isEqualTo(onDisk);
    assertThat(block.traces())
        .singleElement()
        .satisfies(t -> assertThat(Traces.spanCount(t.batches())).isEqualTo(1));
  }

  @Test
  void aRollbackAfterAnotherLiveTraceOfTheSameIdStartedFindsTheHeadOne() {
    PushReceipt failed = store.accept("t", batch(span(1, 1, "lost")), 1);
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces();
    store.accept("t", batch(span(1, 2, "later")), 1);

    store.rollback(failed);

    assertThat(spans(1)).isEqualTo(1);
    assertThat(store.headTraces("t")).isZero();
    assertThat(store.liveTraces("t")).isEqualTo(1);
    assertThat(store.heldBytes()).isEqualTo(LiveTraceStoreCutTest.bytesOfOneSpan("later"));
  }

  @Test
  void spansAlreadyInABlockBeingWrittenStayOnDiskUntilItIsWritten() {
    PushReceipt failed = store.accept("t", batch(span(1, 1, "in a block")), 1);
    HeadBlock writing = store.cutBlocks(true).get(0);

    store.rollback(failed);

    assertThat(spans(1)).isEqualTo(1);
    assertThat(store.heldBytes()).isZero();
    assertThat(store.diskBytes()).isEqualTo(writing.bytes());
    store.flushed(writing);
    assertThat(store.diskBytes()).isZero();
  }

  @Test
  void aTraceWhosePushesAreAllTakenBackLeavesNoLiveTraceBehind() {
    // Two pushes to one trace fail together; the one that created the trace is taken back first.
    PushReceipt creating = store.accept("t", batch(span(1, 1, "a")), 1);
    PushReceipt adding = store.accept("t", batch(span(1, 2, "b")), 1);
    store.accept("t", batch(span(2, 1, "other")), 1);

    store.rollback(creating);
    store.rollback(adding);

    assertThat(store.liveTraces("t")).isEqualTo(1);
    assertThat(store.accept("t", batch(span(3, 1, "new")), 1).result().refusedCount())
        .as("the empty trace must not hold a slot of max_traces_per_user")
        .isZero();
    for (HeadBlock b : store.cutBlocks(true)) {
      assertThat(b.traces()).allSatisfy(t -> assertThat(t.batches()).isNotEmpty());
    }
  }

  @Test
  void aHeadBlockEmptiedByARollbackDoesNotAgeTheNextOne() {
    PushReceipt failed = store.accept("t", batch(span(1, 1, "lost")), 1);
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces(); // the head block starts now
    store.rollback(failed);
    assertThat(store.headTraces("t")).isZero();

    clock.advance(Duration.ofHours(1));
    store.accept("t", batch(span(2, 1, "new")), 1);
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces(); // this head block starts now

    assertThat(store.cutBlocks(false))
        .as("a head block five seconds old is not cut for a 30 minute max_block_duration")
        .isEmpty();
    clock.advance(Duration.ofMinutes(30));
    assertThat(store.cutBlocks(false)).hasSize(1);
  }

  @Test
  void heldAndDiskBytesAreExactAfterRollbacksInEveryStage() {
    PushReceipt first = store.accept("t", batch(span(1, 1, "live")), 1);
    PushReceipt second = store.accept("t", batch(span(2, 1, "head")), 1);
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces();
    store.rollback(second); // from the head block
    PushReceipt again = store.accept("t", batch(span(1, 2, "again")), 1);
    store.rollback(first); // from the head block, while a live trace has its ID
    store.rollback(again); // from the live trace

    assertThat(store.heldBytes()).isZero();
    assertThat(store.diskBytes()).isZero();
    assertThat(store.cutBlocks(true)).isEmpty();
    assertThat(store.lowestWalSegment()).isEqualTo(Long.MAX_VALUE);
  }
}
