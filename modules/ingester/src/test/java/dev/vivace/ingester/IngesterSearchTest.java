package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchMetrics;
import dev.vivace.search.SearchResult;
import dev.vivace.search.TraceMatch;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching what a real ingester holds in memory, on a fake clock. */
class IngesterSearchTest {

  final FakeTimeIngester fixture;
  final Ingester ingester;

  IngesterSearchTest(@TempDir Path wal) {
    fixture = new FakeTimeIngester(wal);
    ingester = fixture.ingester;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  static Map<TraceId, Integer> spansByTrace(SearchResult result) {
    return result.traces().stream()
        .collect(Collectors.toMap(TraceMatch::traceId, FakeTimeIngester::spans));
  }

  static Span at(Span span, long seconds) {
    long start = seconds * 1_000_000_000L;
    return span.toBuilder()
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + 1_000_000)
        .build();
  }

  @Test
  void findsEveryTraceOnceWhateverTheStagesItsSpansAreIn() {
    fixture.blocks.failingTenants.add("t");
    ingester.push("t", batch(span(3, 1, "flushing"), span(3, 2, "flushing")));
    ingester.push("t", batch(span(4, 1, "flushing")));
    fixture.scheduler.advance(Duration.ofSeconds(40)); // 3 and 4 cut into a block that fails
    assertThat(ingester.pendingBlocks()).isEqualTo(1);
    ingester.push("t", batch(span(4, 2, "head")));
    ingester.push("t", batch(span(2, 1, "head")));
    fixture.scheduler.advance(Duration.ofSeconds(10)); // 4 and 2 into the head block
    ingester.push("t", batch(span(4, 3, "live")));
    ingester.push("t", batch(span(4, 1, "resent while its first copy is being written")));
    ingester.push("t", batch(span(1, 1, "live")));
    assertThat(fixture.store.liveTraces("t")).isEqualTo(2);
    assertThat(fixture.store.headTraces("t")).isEqualTo(2);

    SearchResult result = fixture.search("{}");

    assertThat(spansByTrace(result))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(trace(1), 1, trace(2), 1, trace(3), 2, trace(4), 3));
    TraceMatch split =
        result.traces().stream().filter(m -> m.traceId().equals(trace(4))).findAny().orElseThrow();
    assertThat(split.spansets()).hasSize(1);
    assertThat(split.spansets().get(0).matched()).isEqualTo(3);
    assertThat(split.spansets().get(0).spans())
        .extracting(s -> s.spanId())
        .containsExactlyInAnyOrder("0000000000000001", "0000000000000002", "0000000000000003");
    SearchMetrics metrics = result.metrics();
    assertThat(metrics.inspectedTraces()).isEqualTo(4);
    assertThat(metrics.inspectedSpans()).isEqualTo(7);
    long held = 0;
    for (int i = 1; i <= 4; i++) {
      held += fixture.store.find("t", trace(i), TimeRange.ALL).inspectedBytes();
    }
    assertThat(metrics.inspectedBytes()).isEqualTo(held);
    assertThat(metrics.totalJobs()).isEqualTo(1);
    assertThat(metrics.completedJobs()).isEqualTo(1);

    // Once the block is written its traces leave memory, and this tier no longer has them.
    fixture.blocks.failingTenants.clear();
    fixture.scheduler.advance(Duration.ofSeconds(10));
    assertThat(ingester.pendingBlocks()).isZero();
    assertThat(spansByTrace(fixture.search("{}")))
        .containsOnlyKeys(trace(1), trace(2), trace(4))
        .containsEntry(trace(4), 3);
  }

  @Test
  void aTraceIsFoundWhileItsBlockIsBeingWritten() {
    ingester.push("t", batch(span(1, 1, "a"), span(1, 2, "b")));
    AtomicReference<SearchResult> during = new AtomicReference<>();
    fixture.blocks.beforeWrite = () -> during.set(fixture.search("{name=\"b\"}"));

    assertThat(ingester.flushAll(Duration.ofSeconds(1))).isTrue();

    assertThat(spansByTrace(during.get())).containsExactly(Map.entry(trace(1), 2));
    assertThat(fixture.search("{}").traces()).isEmpty();
  }

  @Test
  void onlyMatchingTracesAreReturnedAndTheSearchStopsAtTheLimit() {
    for (int i = 1; i <= 5; i++) {
      ingester.push("t", batch(span(i, 1, "GET"), span(i, 2, i == 3 ? "SELECT" : "PUT")));
    }

    assertThat(spansByTrace(fixture.search("{name=\"SELECT\"}"))).containsOnlyKeys(trace(3));
    SearchResult limited = fixture.search(List.of("t"), "{name=\"GET\"}", TimeRange.ALL, 2);
    assertThat(limited.traces()).hasSize(2);
    assertThat(limited.metrics().inspectedTraces()).as("stopped at the limit").isEqualTo(2);
    assertThat(limited.metrics().inspectedSpans()).isEqualTo(4);
    assertThat(limited.metrics().completedJobs()).isEqualTo(1);
  }

  @Test
  void aWindowSkipsTracesOutsideItButNoWindowFindsThemAll() {
    ingester.push("t", batch(at(span(1, 1, "early"), 1_000)));
    ingester.push("t", batch(at(span(2, 1, "late"), 5_000)));
    fixture.scheduler.advance(Duration.ofSeconds(10)); // one in the head block, one live
    ingester.push("t", batch(at(span(2, 2, "late"), 5_001)));

    assertThat(spansByTrace(fixture.search(List.of("t"), "{}", new TimeRange(900, 1_100), 20)))
        .containsExactly(Map.entry(trace(1), 1));
    assertThat(spansByTrace(fixture.search(List.of("t"), "{}", new TimeRange(5_001, 6_000), 20)))
        .containsExactly(Map.entry(trace(2), 2));
    assertThat(spansByTrace(fixture.search("{}"))).containsOnlyKeys(trace(1), trace(2));
  }

  @Test
  void tenantsAreKeptApart() {
    ingester.push("a", batch(span(1, 1, "x")));
    ingester.push("b", batch(span(2, 1, "x")));
    ingester.push("b", batch(span(1, 2, "x")));

    assertThat(spansByTrace(fixture.search(List.of("a"), "{}", TimeRange.ALL, 20)))
        .containsExactly(Map.entry(trace(1), 1));
    SearchResult b = fixture.search(List.of("b"), "{}", TimeRange.ALL, 20);
    assertThat(spansByTrace(b)).containsOnlyKeys(trace(1), trace(2)).containsEntry(trace(1), 1);
    SearchResult both = fixture.search(List.of("a", "b"), "{}", TimeRange.ALL, 20);
    assertThat(spansByTrace(both)).containsEntry(trace(1), 2).containsEntry(trace(2), 1);
    assertThat(both.metrics().totalJobs()).as("one job per tenant").isEqualTo(2);
    assertThat(fixture.search(List.of("c"), "{}", TimeRange.ALL, 20).traces()).isEmpty();
  }
}
