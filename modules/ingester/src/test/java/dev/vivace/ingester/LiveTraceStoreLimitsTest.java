package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.RefusalReason;
import dev.vivace.query.TimeRange;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** De-duplication and the per-trace and per-tenant limits, with their counts and messages. */
class LiveTraceStoreLimitsTest {

  final MutableClock clock = new MutableClock();

  LiveTraceStore store(IngestLimits limits) {
    return LiveTraceStore.builder().clock(clock).limits(t -> limits).build();
  }

  int spans(LiveTraceStore store, int trace) {
    return Traces.spanCount(store.find("t", trace(trace), TimeRange.ALL).fragments());
  }

  @Test
  void aSpanIsTheSameOnlyWithTheSameIdAndKind() {
    LiveTraceStore store = store(IngestLimits.DEFAULT);
    PushReceipt first =
        store.accept(
            "t",
            batch(
                span(1, 1, SpanKind.SPAN_KIND_SERVER, "server"),
                span(1, 1, SpanKind.SPAN_KIND_CLIENT, "client"),
                span(1, 1, SpanKind.SPAN_KIND_SERVER, "server again in the same request")),
            1);
    assertThat(Traces.spanCount(first.addedBatches())).isEqualTo(2);

    PushReceipt retry =
        store.accept(
            "t",
            batch(
                span(1, 1, SpanKind.SPAN_KIND_CLIENT, "client"),
                span(1, 2, SpanKind.SPAN_KIND_CLIENT, "new")),
            1);

    // Only what is new goes to the write-ahead log and counts in memory.
    assertThat(Traces.spanCount(retry.addedBatches())).isEqualTo(1);
    assertThat(retry.addedBytes())
        .isEqualTo(retry.addedBatches().get(0).getSerializedSize())
        .isLessThan(first.addedBytes());
    assertThat(store.heldBytes()).isEqualTo(first.addedBytes() + retry.addedBytes());
    assertThat(spans(store, 1)).isEqualTo(3);
  }

  @Test
  void aPushOfOnlyDuplicatesAddsNothingButCountsAsAccepted() {
    LiveTraceStore store = store(IngestLimits.DEFAULT);
    store.push("t", batch(span(1, 1, "a"), span(1, 2, "b")));
    long held = store.heldBytes();

    PushReceipt again = store.accept("t", batch(span(1, 1, "a"), span(1, 2, "b")), 1);

    assertThat(again.isEmpty()).isTrue();
    assertThat(again.addedBytes()).isZero();
    assertThat(again.result()).isEqualTo(PushResult.accepted(2));
    assertThat(store.heldBytes()).isEqualTo(held);
  }

  @Test
  void aTraceMayGrowToExactlyMaxBytesPerTrace() {
    long one = LiveTraceStoreCutTest.bytesOfOneSpan("x".repeat(40));
    LiveTraceStore store = store(new IngestLimits(2 * one, 0));
    store.push("t", batch(span(1, 1, "x".repeat(40))));

    PushResult atTheLimit = store.push("t", batch(span(1, 2, "x".repeat(40))));
    assertThat(atTheLimit).isEqualTo(PushResult.accepted(1));
    assertThat(store.heldBytes()).isEqualTo(2 * one);

    PushResult over = store.push("t", batch(span(1, 3, "x"), span(1, 4, "y"), span(2, 1, "ok")));
    assertThat(over.acceptedSpans()).isEqualTo(1);
    assertThat(over.refusedSpans()).isEqualTo(Map.of(RefusalReason.TRACE_TOO_LARGE, 2));
    assertThat(over.errorMessage())
        .matches(
            "TRACE_TOO_LARGE: max size of trace \\("
                + 2 * one
                + " bytes\\) exceeded while adding \\d+ bytes to trace"
                + " 00000000000000000000000000000001 for tenant t");
    assertThat(spans(store, 1)).isEqualTo(2);
    assertThat(store.heldBytes()).isEqualTo(2 * one + LiveTraceStoreCutTest.bytesOfOneSpan("ok"));
  }

  @Test
  void aTraceCutToTheHeadBlockStartsAFreshSizeBudget() {
    long one = LiveTraceStoreCutTest.bytesOfOneSpan("x".repeat(40));
    LiveTraceStore store = store(new IngestLimits(one, 0));
    store.push("t", batch(span(1, 1, "x".repeat(40))));
    assertThat(store.push("t", batch(span(1, 2, "x".repeat(40)))).refusedCount()).isEqualTo(1);

    clock.advance(LiveTraceStoreBuilder.DEFAULT_TRACE_IDLE_PERIOD);
    store.cutIdleTraces();

    assertThat(store.push("t", batch(span(1, 2, "x".repeat(40)))).refusedCount()).isZero();
    assertThat(spans(store, 1)).isEqualTo(2);
  }

  @Test
  void newTracesOverTheLiveLimitAreRefusedAndCountedTogether() {
    LiveTraceStore store = store(new IngestLimits(0, 3));
    store.push("t", batch(span(1, 1, "a"), span(2, 1, "a")));

    PushResult result =
        store.push(
            "t",
            batch(
                span(3, 1, "fits"),
                span(4, 1, "over"),
                span(4, 2, "over"),
                span(5, 1, "over"),
                span(1, 2, "live trace")));

    assertThat(result.acceptedSpans()).isEqualTo(2);
    assertThat(result.refusedSpans()).isEqualTo(Map.of(RefusalReason.LIVE_TRACES_EXCEEDED, 3));
    assertThat(result.errorMessage())
        .isEqualTo(
            "LIVE_TRACES_EXCEEDED: max live traces per tenant exceeded: tenant t already holds 3"
                + " live traces (max_traces_per_user: 3)");
    assertThat(store.liveTraces("t")).isEqualTo(3);
    assertThat(spans(store, 4)).isZero();
  }

  @Test
  void bothRefusalsInOnePushAreReportedTogether() {
    LiveTraceStore store = store(new IngestLimits(LiveTraceStoreCutTest.bytesOfOneSpan("a"), 1));
    store.push("t", batch(span(1, 1, "a")));

    PushResult result = store.push("t", batch(span(1, 2, "b"), span(2, 1, "c")));

    assertThat(result.acceptedSpans()).isZero();
    assertThat(result.refusedSpans())
        .isEqualTo(Map.of(RefusalReason.TRACE_TOO_LARGE, 1, RefusalReason.LIVE_TRACES_EXCEEDED, 1));
    assertThat(result.errorMessage())
        .startsWith("TRACE_TOO_LARGE: ")
        .endsWith(
            "; LIVE_TRACES_EXCEEDED: max live traces per tenant exceeded: tenant t already"
                + " holds 1 live traces (max_traces_per_user: 1)");
  }

  @Test
  void zeroMeansUnlimited() {
    LiveTraceStore store = store(new IngestLimits(0, 0));
    store.push(
        "t",
        batch(
            IntStream.range(1, 2001)
                .mapToObj(i -> span(i, 1, "s"))
                .toArray(io.opentelemetry.proto.trace.v1.Span[]::new)));
    store.push("t", batch(span(1, 2, "x".repeat(100_000))));

    assertThat(store.liveTraces("t")).isEqualTo(2000);
    assertThat(spans(store, 1)).isEqualTo(2);
  }

  @Test
  void limitsAreTheTenantsOwn() {
    LiveTraceStore store =
        LiveTraceStore.builder()
            .limits(t -> t.equals("small") ? new IngestLimits(0, 1) : IngestLimits.DEFAULT)
            .build();
    store.push("small", batch(span(1, 1, "a")));
    store.push("other", batch(span(1, 1, "a")));

    assertThat(store.push("small", batch(span(2, 1, "a"))).refusedCount()).isEqualTo(1);
    assertThat(store.push("other", batch(span(2, 1, "a"))).refusedCount()).isZero();
  }

  @Test
  void replayedSpansAreRestoredWhateverTheLimits() {
    LiveTraceStore store = store(new IngestLimits(1, 1));

    store.restore("t", batch(span(1, 1, "a"), span(2, 1, "b"), span(2, 2, "c")), 1);

    assertThat(store.liveTraces("t")).isEqualTo(2);
    assertThat(spans(store, 2)).isEqualTo(2);
    assertThat(store.lowestWalSegment()).isEqualTo(1);
  }

  @Test
  void invalidLimitsAreRefusedWithTheirValue() {
    assertThatThrownBy(() -> new IngestLimits(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBytesPerTrace: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new IngestLimits(0, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLiveTraces: -2 (expected: >= 0)");
    assertThatThrownBy(() -> LiveTraceStore.builder().traceIdlePeriod(Duration.ZERO))
        .hasMessage("traceIdlePeriod: PT0S (expected: > 0)");
    assertThatThrownBy(() -> LiveTraceStore.builder().maxBlockDuration(Duration.ofSeconds(-1)))
        .hasMessage("maxBlockDuration: PT-1S (expected: > 0)");
    assertThatThrownBy(() -> LiveTraceStore.builder().maxBlockBytes(0))
        .hasMessage("maxBlockBytes: 0 (expected: > 0)");
  }
}
