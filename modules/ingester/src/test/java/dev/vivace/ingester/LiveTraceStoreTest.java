package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.RefusalReason;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceLookup;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LiveTraceStoreTest {

  final MutableClock clock = new MutableClock();

  LiveTraceStore store(IngestLimits limits) {
    return LiveTraceStore.builder().clock(clock).limits(t -> limits).build();
  }

  @Test
  void groupsSpansAcrossRequestsAndDropsDuplicates() {
    LiveTraceStore store = store(IngestLimits.DEFAULT);
    assertThat(store.push("t", batch(span(1, 1, "a"), span(1, 2, "b"))).acceptedSpans())
        .isEqualTo(2);
    assertThat(store.push("t", batch(span(1, 2, "b"), span(1, 3, "c"))).acceptedSpans())
        .isEqualTo(2);

    TraceLookup found = store.find("t", trace(1), TimeRange.ALL);
    assertThat(Traces.spanCount(found.fragments())).isEqualTo(3);
    assertThat(found.inspectedBytes()).isPositive();
  }

  @Test
  void tenantsAreIsolated() {
    LiveTraceStore store = store(IngestLimits.DEFAULT);
    store.push("a", batch(span(1, 1, "a")));
    assertThat(store.find("b", trace(1), TimeRange.ALL).isEmpty()).isTrue();
    assertThat(store.find("a", trace(1), TimeRange.ALL).isEmpty()).isFalse();
  }

  @Test
  void refusesTraceTooLargeButKeepsWhatItHad() {
    LiveTraceStore store = store(new IngestLimits(200, 0));
    assertThat(store.push("t", batch(span(1, 1, "x".repeat(50)))).refusedCount()).isZero();

    PushResult result = store.push("t", batch(span(1, 2, "y".repeat(200)), span(2, 1, "ok")));

    assertThat(result.acceptedSpans()).isEqualTo(1);
    assertThat(result.refusedSpans()).containsEntry(RefusalReason.TRACE_TOO_LARGE, 1);
    assertThat(result.errorMessage())
        .startsWith("TRACE_TOO_LARGE: max size of trace (200 bytes) exceeded while adding ")
        .endsWith(" bytes to trace 00000000000000000000000000000001 for tenant t");
    assertThat(Traces.spanCount(store.find("t", trace(1), TimeRange.ALL).fragments())).isEqualTo(1);
  }

  @Test
  void refusesNewTracesOverLiveLimitButNotSpansOfLiveOnes() {
    LiveTraceStore store = store(new IngestLimits(0, 2));
    store.push("t", batch(span(1, 1, "a"), span(2, 1, "a")));

    PushResult result = store.push("t", batch(span(3, 1, "a"), span(1, 2, "b")));

    assertThat(result.acceptedSpans()).isEqualTo(1);
    assertThat(result.refusedSpans()).containsEntry(RefusalReason.LIVE_TRACES_EXCEEDED, 1);
    assertThat(result.errorMessage())
        .isEqualTo(
            "LIVE_TRACES_EXCEEDED: max live traces per tenant exceeded: tenant t already holds 2"
                + " live traces (max_traces_per_user: 2)");
  }

  @Test
  void idleTracesMoveToCompletedAndStayFindable() {
    LiveTraceStore store = store(new IngestLimits(0, 1));
    store.push("t", batch(span(1, 1, "a")));
    clock.advance(Duration.ofSeconds(4));
    assertThat(store.cutIdleTraces()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.cutIdleTraces()).isEqualTo(1);

    assertThat(store.liveTraces("t")).isZero();
    assertThat(store.headTraces("t")).isEqualTo(1);
    // The live slot is free again, and both tiers answer lookups.
    assertThat(store.push("t", batch(span(2, 1, "a"))).refusedCount()).isZero();
    assertThat(store.push("t", batch(span(1, 2, "late"))).refusedCount()).isEqualTo(1);
    assertThat(Traces.spanCount(store.find("t", trace(1), TimeRange.ALL).fragments())).isEqualTo(1);
  }

  @Test
  void manyTracesInOneRequest() {
    LiveTraceStore store = store(IngestLimits.DEFAULT);
    Span[] spans = IntStream.range(1, 101).mapToObj(i -> span(i, 1, "s")).toArray(Span[]::new);
    assertThat(store.push("t", batch(spans)).acceptedSpans()).isEqualTo(100);
    assertThat(store.liveTraces("t")).isEqualTo(100);
  }
}
