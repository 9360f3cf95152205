package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.trace.TraceFragments;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When live traces become idle and when head blocks are cut, on a fake clock. */
class LiveTraceStoreCutTest {

  final MutableClock clock = new MutableClock();

  LiveTraceStore store(Duration maxBlockDuration, long maxBlockBytes) {
    return LiveTraceStore.builder()
        .clock(clock)
        .traceIdlePeriod(Duration.ofSeconds(5))
        .maxBlockDuration(maxBlockDuration)
        .maxBlockBytes(maxBlockBytes)
        .build();
  }

  LiveTraceStore store() {
    return store(Duration.ofSeconds(30), LiveTraceStoreBuilder.DEFAULT_MAX_BLOCK_BYTES);
  }

  @ParameterizedTest(name = "idle for {0} ms: cut {1}")
  @CsvSource({"0, 0", "4999, 0", "5000, 1", "5001, 1"})
  void aTraceIsCompleteOnceItWasIdleForTheWholeIdlePeriod(long idleMillis, int cut) {
    LiveTraceStore store = store();
    store.push("t", batch(span(1, 1, "a")));
    clock.advance(Duration.ofMillis(idleMillis));

    assertThat(store.cutIdleTraces()).isEqualTo(cut);
    assertThat(store.liveTraces("t")).isEqualTo(1 - cut);
    assertThat(store.headTraces("t")).isEqualTo(cut);
  }

  @Test
  void eachSpanStartsTheIdlePeriodAgain() {
    LiveTraceStore store = store();
    store.push("t", batch(span(1, 1, "a"), span(2, 1, "a")));
    clock.advance(Duration.ofSeconds(3));
    store.push("t", batch(span(1, 2, "b")));
    clock.advance(Duration.ofSeconds(2));

    assertThat(store.cutIdleTraces()).as("only trace 2 was idle for 5 s").isEqualTo(1);
    assertThat(store.liveTraces("t")).isEqualTo(1);
    clock.advance(Duration.ofMillis(2999));
    assertThat(store.cutIdleTraces()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(store.cutIdleTraces()).isEqualTo(1);
    assertThat(store.headTraces("t")).isEqualTo(2);
  }

  @Test
  void theHeadBlockIsCutMaxBlockDurationAfterItsFirstTrace() {
    LiveTraceStore store = store();
    store.push("t", batch(span(1, 1, "a")));
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces(); // the head block starts now
    store.push("t", batch(span(2, 1, "a")));
    clock.advance(Duration.ofSeconds(20));
    store.cutIdleTraces(); // a later trace does not make the head block younger

    clock.advance(Duration.ofMillis(9999));
    assertThat(store.cutBlocks(false)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    List<HeadBlock> cut = store.cutBlocks(false);

    assertThat(cut).singleElement().satisfies(b -> assertThat(b.traces()).hasSize(2));
    assertThat(store.headTraces("t")).isZero();
    // The next head block is timed from its own first trace.
    store.push("t", batch(span(3, 1, "a")));
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces();
    clock.advance(Duration.ofMillis(29_999));
    assertThat(store.cutBlocks(false)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(store.cutBlocks(false)).hasSize(1);
  }

  /** The bytes one span of {@code name} takes in the store. */
  static long bytesOfOneSpan(String name) {
    LiveTraceStore probe = LiveTraceStore.builder().build();
    probe.push("t", batch(span(9, 1, name)));
    return probe.heldBytes();
  }

  /** The bytes a trace of one span of {@code name} takes in a head block file. */
  static long diskBytesOfOneSpan(String name) {
    LiveTraceStore probe = LiveTraceStore.builder().build();
    probe.push("t", batch(span(9, 1, name)));
    probe.cutAllLiveTraces();
    assertThat(probe.heldBytes()).isZero();
    long bytes = probe.diskBytes();
    probe.cutBlocks(false, true).forEach(probe::flushed);
    return bytes;
  }

  @ParameterizedTest(name = "max block bytes = two traces on disk {0} byte(s): cut {1}")
  @CsvSource({"-1, true", "0, true", "1, false"})
  void theHeadBlockIsCutWhenItHoldsMaxBlockBytes(long offset, boolean cut) {
    long oneTrace = diskBytesOfOneSpan("x".repeat(100));
    LiveTraceStore store = store(Duration.ofHours(1), 2 * oneTrace + offset);
    store.push("t", batch(span(1, 1, "x".repeat(100)), span(2, 1, "x".repeat(100))));
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces();

    assertThat(store.heldBytes()).as("nothing idle stays in memory").isZero();
    assertThat(store.diskBytes()).isEqualTo(2 * oneTrace);
    List<HeadBlock> blocks = store.cutBlocks(false);
    assertThat(blocks).hasSize(cut ? 1 : 0);
    if (cut) {
      assertThat(blocks.get(0).bytes()).isEqualTo(2 * oneTrace);
    }
  }

  @Test
  void aBlockHoldsItsTracesSortedByTraceId() {
    LiveTraceStore store = store();
    store.push("t", batch(span(300, 1, "a"), span(2, 1, "a"), span(17, 1, "a")));
    store.push("t", batch(span(1, 1, "a")));

    List<HeadBlock> blocks = store.cutBlocks(true);

    assertThat(blocks).singleElement().satisfies(b -> assertThat(b.tenant()).isEqualTo("t"));
    assertThat(blocks.get(0).traces())
        .extracting(TraceFragments::traceId)
        .containsExactly(trace(1), trace(2), trace(17), trace(300));
  }

  @Test
  void cuttingEverythingTakesLiveTracesAndEveryHeadBlockOfEveryTenant() {
    LiveTraceStore store = store();
    store.push("a", batch(span(1, 1, "a")));
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces();
    store.push("a", batch(span(2, 1, "a")));
    store.push("b", batch(span(1, 1, "b")));

    assertThat(store.cutBlocks(false)).as("nothing is old or large enough").isEmpty();
    List<HeadBlock> blocks = store.cutBlocks(true);

    assertThat(blocks)
        .extracting(HeadBlock::tenant, HeadBlock::traceCount)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", 2),
            org.assertj.core.groups.Tuple.tuple("b", 1));
    assertThat(store.liveTraces("a") + store.liveTraces("b")).isZero();
    assertThat(store.headTraces("a") + store.headTraces("b")).isZero();
    assertThat(blocks.get(0).blockId()).isNotEqualTo(blocks.get(1).blockId());
  }
}
