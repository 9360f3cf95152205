package dev.vivace.ingester;

import static dev.vivace.ingester.FakeTimeIngester.spans;
import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchMetrics;
import dev.vivace.search.SearchSink;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TraceMatch;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.AttributeScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches running while another thread pushes spans and moves traces from live to the head block
 * and into blocks being written.
 */
class IngesterConcurrentSearchTest {

  static final int TRACES = 40;
  static final int PUSHES = 3_000;

  @TempDir Path wal;

  /** Records every match a tier offers, and wants them all. */
  static final class RecordingSink implements SearchSink {
    final List<TraceMatch> offered = new ArrayList<>();
    final SearchMetrics metrics = new SearchMetrics();

    @Override
    public synchronized boolean offer(TraceMatch match) {
      offered.add(match);
      return true;
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public long oldestKeptStartNanos() {
      return Long.MIN_VALUE;
    }

    @Override
    public SearchMetrics metrics() {
      return metrics;
    }

    @Override
    public void failure(String description) {
      throw new AssertionError(description);
    }
  }

  @Test
  void searchesSeeEveryPushWholeWhileTracesArePushedAndMoveOn() throws Exception {
    try (FakeTimeIngester fixture = new FakeTimeIngester(wal)) {
      Ingester ingester = fixture.ingester;
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread pusher =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < PUSHES; i++) {
                    // Each push adds two spans to one trace: a search sees both or neither.
                    int trace = 1 + i % TRACES;
                    ingester.push(
                        "t", batch(span(trace, 2 * i + 1, "a"), span(trace, 2 * i + 2, "b")));
                    if (i % 50 == 49) {
                      // Traces move on to the head block, then into blocks, which are not
                      // written: every span stays in memory.
                      fixture.clock.advance(Duration.ofSeconds(6));
                      fixture.store.cutIdleTraces();
                      if (i % 200 == 199) {
                        fixture.store.cutBlocks(false, true);
                      }
                    }
                  }
                } catch (Throwable t) {
                  failed.set(t);
                }
              },
              "pusher");
      Map<TraceId, Integer> seen = new HashMap<>();
      int searches = 0;
      pusher.start();
      while (pusher.isAlive() || searches < 20) {
        RecordingSink sink = new RecordingSink();
        ingester.searcher().search("t", FakeTimeIngester.request("{}", TimeRange.ALL, 1), sink);
        Set<TraceId> once = new HashSet<>();
        for (TraceMatch match : sink.offered) {
          assertThat(once.add(match.traceId())).as("offered once: %s", match.traceId()).isTrue();
          assertThat(spans(match) % 2).as("spans of %s", match.traceId()).isZero();
        }
        assertThat(sink.metrics.inspectedSpans() % 2).isZero();
        fixture.engine.tagNames(
            List.of("t"),
            new TagRequest(
                EnumSet.complementOf(EnumSet.of(AttributeScope.NONE)), null, TimeRange.ALL),
            0,
            0,
            Duration.ofMinutes(1));
        searches++;
        for (TraceMatch match : sink.offered) {
          int before = seen.getOrDefault(match.traceId(), 0);
          assertThat(spans(match))
              .as("spans of %s never shrink", match.traceId())
              .isGreaterThanOrEqualTo(before);
          seen.put(match.traceId(), spans(match));
        }
      }
      pusher.join();
      assertThat(failed.get()).isNull();
      assertThat(seen).isNotEmpty();
      // The last push was followed by a cut: every trace is in a block not yet written.
      assertThat(fixture.store.liveTraces("t") + fixture.store.headTraces("t")).isZero();

      RecordingSink last = new RecordingSink();
      ingester.searcher().search("t", FakeTimeIngester.request("{}", TimeRange.ALL, 1), last);
      assertThat(last.offered).hasSize(TRACES);
      assertThat(last.offered.stream().mapToLong(FakeTimeIngester::spans).sum())
          .isEqualTo(2L * PUSHES);
      long held = 0;
      for (int i = 1; i <= TRACES; i++) {
        held += fixture.store.find("t", TestSpans.trace(i), TimeRange.ALL).inspectedBytes();
      }
      assertThat(fixture.store.heldBytes()).as("nothing is left in memory").isZero();
      assertThat(last.metrics.inspectedBytes()).isEqualTo(held);
    }
  }
}
