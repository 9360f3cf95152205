package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.query.TimeRange;
import dev.vivace.trace.TraceFragments;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trace moving through the stages live, head block and block being written: what lookups see,
 * what {@link LiveTraceStore#heldBytes()} (memory) and {@link LiveTraceStore#diskBytes()} (head
 * block files) count and which log segment is still needed.
 */
class LiveTraceStoreStagesTest {

  final MutableClock clock = new MutableClock();
  final LiveTraceStore store =
      LiveTraceStore.builder()
          .clock(clock)
          .traceIdlePeriod(Duration.ofSeconds(5))
          .maxBlockDuration(Duration.ofMinutes(1))
          .build();

  /** The names of the spans a lookup finds, in the order found. */
  List<String> found(String tenant, int trace) {
    List<String> names = new ArrayList<>();
    for (ResourceSpans rs : store.find(tenant, trace(trace), TimeRange.ALL).fragments()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          names.add(s.getName());
        }
      }
    }
    return names;
  }

  /**
   * The bytes {@code fragments} take in a head block file when each came in its own push: one
   * record each, its header and the fragment as a {@code TracesData}.
   */
  static long recordBytes(List<ResourceSpans> fragments) {
    long bytes = 0;
    for (ResourceSpans rs : fragments) {
      bytes +=
          HeadFile.HEADER_BYTES
              + TracesData.newBuilder().addResourceSpans(rs).build().getSerializedSize();
    }
    return bytes;
  }

  /** The bytes trace {@code trace} takes in {@code block}'s file, one record per fragment. */
  long bytesOf(HeadBlock block, int trace) {
    for (TraceFragments t : block.traces()) {
      if (t.traceId().equals(trace(trace))) {
        return recordBytes(t.batches());
      }
    }
    throw new AssertionError("trace " + trace + " is not in the block");
  }

  @Test
  void spansArrivingAfterTheCutAreFoundOnceAndJoinTheHeadBlock() {
    store.push("t", batch(span(1, 1, "first")));
    assertThat(store.heldBytes()).isPositive();
    clock.advance(Duration.ofSeconds(5));
    assertThat(store.cutIdleTraces()).isEqualTo(1);
    assertThat(store.heldBytes()).as("an idle trace leaves memory").isZero();
    long first = store.diskBytes();
    assertThat(first).isPositive();

    store.push("t", batch(span(1, 2, "second")));
    assertThat(store.heldBytes()).isEqualTo(LiveTraceStoreCutTest.bytesOfOneSpan("second"));
    assertThat(store.liveTraces("t")).isEqualTo(1);
    assertThat(store.headTraces("t")).isEqualTo(1);
    assertThat(found("t", 1)).containsExactlyInAnyOrder("first", "second");

    clock.advance(Duration.ofSeconds(5));
    assertThat(store.cutIdleTraces()).isEqualTo(1);
    assertThat(store.liveTraces("t")).isZero();
    assertThat(store.headTraces("t")).as("one entry per trace").isEqualTo(1);
    assertThat(found("t", 1)).containsExactlyInAnyOrder("first", "second");
    assertThat(store.heldBytes()).isZero();
    long both = store.diskBytes();
    assertThat(both).isGreaterThan(first);

    List<HeadBlock> blocks = store.cutBlocks(true);
    assertThat(blocks).singleElement().satisfies(b -> assertThat(b.bytes()).isEqualTo(both));
    assertThat(blocks.get(0).traces())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.batches()).as("two records, read in order").hasSize(2);
              assertThat(recordBytes(t.batches())).isEqualTo(both);
            });
    assertThat(found("t", 1)).containsExactlyInAnyOrder("first", "second");
    store.flushed(blocks.get(0));
    assertThat(store.diskBytes()).isZero();
    assertThat(store.find("t", trace(1), TimeRange.ALL).isEmpty()).isTrue();
  }

  @Test
  void spansArrivingWhileTheTraceIsBeingWrittenGoIntoTheNextBlock() {
    store.push("t", batch(span(1, 1, "first")));
    HeadBlock writing = store.cutBlocks(true).get(0);

    store.push("t", batch(span(1, 2, "second")));
    assertThat(found("t", 1)).containsExactly("first", "second");
    assertThat(store.heldBytes()).isPositive();
    assertThat(store.diskBytes()).isEqualTo(writing.bytes());

    HeadBlock next = store.cutBlocks(true).get(0);
    assertThat(next.blockId()).isNotEqualTo(writing.blockId());
    assertThat(next.bytes()).isEqualTo(bytesOf(next, 1));
    assertThat(store.diskBytes()).isEqualTo(writing.bytes() + next.bytes());
    assertThat(found("t", 1)).containsExactly("first", "second");

    store.flushed(writing);
    assertThat(found("t", 1)).containsExactly("second");
    assertThat(store.diskBytes()).isEqualTo(next.bytes());
    // A second answer for the same block changes nothing.
    store.flushed(writing);
    assertThat(store.diskBytes()).isEqualTo(next.bytes());
    store.flushed(next);
    assertThat(store.diskBytes()).isZero();
    assertThat(found("t", 1)).isEmpty();
  }

  @Test
  void heldAndDiskBytesReturnToZeroAfterEverythingIsFlushed() {
    for (int round = 0; round < 5; round++) {
      for (int i = 1; i <= 20; i++) {
        store.push("t" + (i % 3), batch(span(i, round + 1, "s".repeat(i))));
        // An exporter retry: the same spans again add nothing.
        store.push("t" + (i % 3), batch(span(i, round + 1, "s".repeat(i))));
      }
      clock.advance(Duration.ofSeconds(round * 2L));
      store.cutIdleTraces();
    }
    List<HeadBlock> blocks = store.cutBlocks(true);
    assertThat(store.heldBytes()).isZero();
    long expected = 0;
    for (HeadBlock b : blocks) {
      long sum = 0;
      for (TraceFragments t : b.traces()) {
        sum += recordBytes(t.batches());
      }
      assertThat(b.bytes()).as("block of %s", b.tenant()).isEqualTo(sum);
      expected += b.bytes();
    }
    assertThat(store.diskBytes()).isEqualTo(expected);
    blocks.forEach(store::flushed);
    assertThat(store.diskBytes()).isZero();
    assertThat(store.lowestWalSegment()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theLowestLogSegmentIsThatOfTheOldestSpanStillHeld() {
    assertThat(store.lowestWalSegment()).isEqualTo(Long.MAX_VALUE);
    store.accept("t", batch(span(1, 1, "a")), 3);
    store.accept("t", batch(span(2, 1, "a")), 5);
    assertThat(store.lowestWalSegment()).isEqualTo(3);

    clock.advance(Duration.ofSeconds(5));
    store.accept("t", batch(span(2, 2, "b")), 9);
    store.cutIdleTraces(); // trace 1 goes to the head block, trace 2 stays live
    assertThat(store.lowestWalSegment()).isEqualTo(3);

    HeadBlock writing = store.cutBlocks(false, true).get(0);
    store.accept("t", batch(span(1, 2, "late")), 11);
    assertThat(store.lowestWalSegment()).as("trace 1 is being written").isEqualTo(3);

    store.flushed(writing);
    assertThat(store.lowestWalSegment()).as("trace 2's first span").isEqualTo(5);
    store.cutBlocks(true).forEach(store::flushed);
    assertThat(store.lowestWalSegment()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theLowestLogSegmentIsTheLowestOverAllTenants() {
    store.accept("a", batch(span(1, 1, "a")), 8);
    store.accept("b", batch(span(1, 1, "b")), 4);
    store.accept("c", batch(span(1, 1, "c")), 6);
    assertThat(store.lowestWalSegment()).isEqualTo(4);

    for (HeadBlock b : store.cutBlocks(true)) {
      if (b.tenant().equals("b")) {
        store.flushed(b);
      }
    }
    assertThat(store.lowestWalSegment()).isEqualTo(6);
  }

  @Test
  void tenantsShareNothingButTheByteCount() {
    store.push("a", batch(span(1, 1, "from a")));
    store.push("b", batch(span(1, 1, "from b"), span(2, 1, "from b")));
    long a = LiveTraceStoreCutTest.bytesOfOneSpan("from a");

    assertThat(found("a", 1)).containsExactly("from a");
    assertThat(found("b", 1)).containsExactly("from b");
    assertThat(found("a", 2)).isEmpty();
    assertThat(found("c", 1)).isEmpty();
    assertThat(store.liveTraces("a")).isEqualTo(1);
    assertThat(store.liveTraces("b")).isEqualTo(2);

    assertThat(store.heldBytes()).isEqualTo(a + 2 * LiveTraceStoreCutTest.bytesOfOneSpan("from b"));

    List<HeadBlock> blocks = store.cutBlocks(true);
    HeadBlock ofB = blocks.stream().filter(x -> x.tenant().equals("b")).findFirst().orElseThrow();
    store.flushed(ofB);
    assertThat(found("b", 1)).isEmpty();
    assertThat(found("a", 1)).containsExactly("from a");
    assertThat(store.heldBytes()).isZero();
    assertThat(store.diskBytes()).isEqualTo(LiveTraceStoreCutTest.diskBytesOfOneSpan("from a"));
  }
}
