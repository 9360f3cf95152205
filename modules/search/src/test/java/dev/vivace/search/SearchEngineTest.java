package dev.vivace.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.query.TimeRange;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchEngineTest {

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void shutDown() {
    executor.shutdownNow();
  }

  private static SearchRequest request(String query, int limit) {
    return new SearchRequest(TraceQuery.compile(TraceQL.parse(query)), TimeRange.ALL, limit, 3);
  }

  private static TraceMatch match(int id, long start, String... spanIds) {
    List<SpanMatch> spans = new ArrayList<>();
    for (String spanId : spanIds) {
      spans.add(new SpanMatch(spanId, null, start, 10, List.of()));
    }
    return new TraceMatch(
        TraceId.parse(Integer.toHexString(id)),
        "svc",
        "root",
        start,
        start + 10,
        List.of(new SpansetMatch(spans, spans.size(), List.of())),
        Map.of("svc", new ServiceStats(spans.size(), 0)));
  }

  /** Offers each match in turn, and records whether the sink was done before each. */
  private static final class ListTier implements TraceSearcher {
    final List<TraceMatch> matches;
    int offered;

    ListTier(TraceMatch... matches) {
      this.matches = List.of(matches);
    }

    @Override
    public void search(String tenant, SearchRequest request, SearchSink sink) {
      sink.metrics().jobsPlanned(1);
      for (TraceMatch m : matches) {
        if (sink.isDone()) {
          break;
        }
        offered++;
        sink.offer(m);
      }
      sink.metrics().jobCompleted();
    }
  }

  @Test
  void returnsNewestFirstAndCombinesFragmentsAcrossTiers() {
    ListTier live = new ListTier(match(1, 100, "a"), match(2, 300, "b"));
    ListTier blocks = new ListTier(match(1, 50, "c"), match(3, 200, "d"));
    SearchEngine engine = new SearchEngine(List.of(live, blocks), List.of(), executor);

    SearchResult result =
        engine.search(List.of("t"), request("{}", 20), Duration.ofSeconds(5), null);

    assertThat(result.traces())
        .extracting(t -> t.traceId().toTrimmedHex())
        .containsExactly("2", "3", "1");
    TraceMatch one = result.traces().get(2);
    assertThat(one.startNanos()).isEqualTo(50);
    assertThat(one.endNanos()).isEqualTo(110);
    assertThat(one.spansets()).singleElement().satisfies(s -> assertThat(s.matched()).isEqualTo(2));
    assertThat(one.serviceStats()).containsEntry("svc", new ServiceStats(2, 0));
    assertThat(result.metrics().totalJobs()).isEqualTo(2);
    assertThat(result.isPartial()).isFalse();
  }

  @Test
  void progressHearsTheLiveCountersThenEveryUpdate() {
    ListTier live = new ListTier(match(1, 100, "a"), match(2, 300, "b"));
    ListTier blocks = new ListTier(match(1, 50, "c"));
    SearchEngine engine = new SearchEngine(List.of(live, blocks), List.of(), executor);
    List<String> heard = new ArrayList<>();
    List<SearchMetrics> counters = new ArrayList<>();

    SearchResult result =
        engine.search(
            List.of("t"),
            request("{}", 20),
            Duration.ofSeconds(5),
            new SearchProgress() {
              @Override
              public void started(SearchMetrics metrics) {
                heard.add("started");
                counters.add(metrics);
              }

              @Override
              public void updated(TraceMatch match) {
                heard.add(match.traceId().toTrimmedHex() + ":" + match.spansets().get(0).matched());
              }
            });

    assertThat(heard).containsExactly("started", "1:1", "2:1", "1:2");
    assertThat(counters).singleElement().isSameAs(result.metrics());
  }

  @Test
  void stopsOnceLimitTracesAreFound() {
    ListTier live = new ListTier(match(1, 100, "a"), match(2, 300, "b"), match(3, 200, "c"));
    ListTier blocks = new ListTier(match(4, 400, "d"));
    SearchEngine engine = new SearchEngine(List.of(live, blocks), List.of(), executor);

    SearchResult result =
        engine.search(List.of("t"), request("{}", 2), Duration.ofSeconds(5), null);

    assertThat(result.traces()).hasSize(2);
    assertThat(live.offered).isEqualTo(2);
    assertThat(blocks.offered).isZero();
  }

  @Test
  void mostRecentSearchesEverythingAndKeepsTheNewest() {
    ListTier live = new ListTier(match(1, 100, "a"), match(2, 300, "b"), match(3, 200, "c"));
    ListTier blocks = new ListTier(match(4, 400, "d"));
    SearchEngine engine = new SearchEngine(List.of(live, blocks), List.of(), executor);

    SearchResult result =
        engine.search(
            List.of("t"), request("{} with(most_recent=true)", 2), Duration.ofSeconds(5), null);

    assertThat(result.traces())
        .extracting(t -> t.traceId().toTrimmedHex())
        .containsExactly("4", "2");
  }

  @Test
  void aSearchThatRunsOutOfTimeReturnsWhatItHas() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TraceSearcher slow =
        (tenant, request, sink) -> {
          sink.offer(match(1, 100, "a"));
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          sink.offer(match(2, 200, "b"));
        };
    SearchEngine engine = new SearchEngine(List.of(slow), List.of(), executor);

    SearchResult result =
        engine.search(List.of("t"), request("{}", 20), Duration.ofMillis(200), null);
    release.countDown();

    assertThat(result.timedOut()).isTrue();
    assertThat(result.isPartial()).isTrue();
    assertThat(result.traces()).extracting(t -> t.traceId().toTrimmedHex()).containsExactly("1");
  }

  @Test
  void failuresMarkTheResultPartial() {
    TraceSearcher broken = (tenant, request, sink) -> sink.failure("block b1: unreadable footer");
    SearchEngine engine = new SearchEngine(List.of(broken), List.of(), executor);

    SearchResult result =
        engine.search(List.of("t"), request("{}", 20), Duration.ofSeconds(5), null);

    assertThat(result.failures()).containsExactly("block b1: unreadable footer");
    assertThat(result.isPartial()).isTrue();
  }

  @Test
  void tagValuesAreDistinctAndLimited() {
    TagSearcher tier =
        new TagSearcher() {
          @Override
          public void tagNames(String tenant, TagRequest request, TagSink sink) {
            sink.addName(AttributeScope.SPAN, "b");
            sink.addName(AttributeScope.SPAN, "a");
            sink.addName(AttributeScope.RESOURCE, "service.name");
          }

          @Override
          public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
            for (String v : List.of("x", "y", "x", "z", "w")) {
              if (!sink.addValue(new Static.StringValue(v))) {
                return;
              }
            }
          }
        };
    SearchEngine engine = new SearchEngine(List.of(), List.of(tier), executor);

    TagResult names =
        engine.tagNames(
            List.of("t"),
            new TagRequest(java.util.Set.of(AttributeScope.SPAN), null, TimeRange.ALL),
            0,
            0,
            Duration.ofSeconds(5));
    TagResult values =
        engine.tagValues(
            List.of("t"),
            new TagValuesRequest(dev.vivace.traceql.Intrinsic.NAME, null, TimeRange.ALL),
            3,
            0,
            Duration.ofSeconds(5));

    assertThat(names.names().get(AttributeScope.SPAN)).containsExactly("a", "b");
    assertThat(values.values())
        .containsExactly(
            new Static.StringValue("x"), new Static.StringValue("y"), new Static.StringValue("z"));
  }

  @Test
  void cancellingStopsTheTiersAndTheCall() throws Exception {
    CountDownLatch searching = new CountDownLatch(1);
    CountDownLatch sawDone = new CountDownLatch(1);
    TraceSearcher endless =
        (tenant, request, sink) -> {
          sink.offer(match(1, 100, "a"));
          searching.countDown();
          while (!sink.isDone()) {
            Thread.onSpinWait();
          }
          sawDone.countDown();
        };
    SearchEngine engine = new SearchEngine(List.of(endless), List.of(), executor);
    CompletableFuture<Void> cancelled = new CompletableFuture<>();

    Future<SearchResult> call =
        executor.submit(
            () ->
                engine.search(
                    List.of("t"), request("{}", 20), Duration.ofDays(1), null, cancelled));
    assertThat(searching.await(10, TimeUnit.SECONDS)).isTrue();
    cancelled.complete(null);

    assertThat(sawDone.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(CancellationException.class);
  }

  @Test
  void aSearchCancelledBeforeItStartsAsksNoTier() {
    ListTier tier = new ListTier(match(1, 100, "a"));
    SearchEngine engine = new SearchEngine(List.of(tier), List.of(), executor);

    assertThatThrownBy(
            () ->
                engine.search(
                    List.of("t"),
                    request("{}", 20),
                    Duration.ofDays(1),
                    null,
                    CompletableFuture.completedFuture(null)))
        .isInstanceOf(CancellationException.class)
        .hasMessage("search cancelled");
    assertThat(tier.offered).isZero();
  }

  @Test
  void valuesStopAtTheByteBudgetLeavingOutWhatDoesNotFit() {
    List<String> offered = new CopyOnWriteArrayList<>();
    TagSearcher tier =
        new TagSearcher() {
          @Override
          public void tagNames(String tenant, TagRequest request, TagSink sink) {
            for (String n : List.of("aaaa", "bbbb", "aaaa", "cc", "d")) {
              offered.add(n);
              if (!sink.addName(AttributeScope.SPAN, n)) {
                return;
              }
            }
          }

          @Override
          public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
            for (String v : List.of("abc", "abc", "de", "fgh", "i")) {
              offered.add(v);
              if (!sink.addValue(new Static.StringValue(v))) {
                return;
              }
            }
          }
        };
    SearchEngine engine = new SearchEngine(List.of(), List.of(tier), executor);
    TagValuesRequest request =
        new TagValuesRequest(dev.vivace.traceql.Intrinsic.NAME, null, TimeRange.ALL);
    // Each value counts its length plus one, like a type name: "abc" 4, "de" 3, "fgh" 4.
    java.util.function.ToLongFunction<Static> bytes =
        v -> ((Static.StringValue) v).value().length() + 1;

    TagResult exact = values(engine, request, 7, bytes);
    assertThat(exact.values())
        .containsExactly(new Static.StringValue("abc"), new Static.StringValue("de"));
    assertThat(exact.maxBytesReached()).isTrue();
    assertThat(exact.isPartial()).isFalse();
    // "fgh" did not fit: collecting stopped there, so the smaller "i" was never taken.
    assertThat(offered).containsExactly("abc", "abc", "de", "fgh");

    offered.clear();
    TagResult unlimited = values(engine, request, 0, bytes);
    assertThat(unlimited.values()).hasSize(4);
    assertThat(unlimited.maxBytesReached()).isFalse();

    offered.clear();
    TagResult names =
        engine.tagNames(
            List.of("t"),
            new TagRequest(java.util.Set.of(AttributeScope.SPAN), null, TimeRange.ALL),
            new TagLimits(0, 0, 10, Duration.ofSeconds(5)),
            new CompletableFuture<>());
    // Names count their UTF-8 bytes: 4 + 4 + 2 = 10 fits exactly, "d" does not.
    assertThat(names.names().get(AttributeScope.SPAN)).containsExactly("aaaa", "bbbb", "cc");
    assertThat(names.maxBytesReached()).isTrue();
  }

  @Test
  void utf8LengthCountsAsGoDoes() {
    assertThat(TagCollector.utf8Length("abc")).isEqualTo(3);
    assertThat(TagCollector.utf8Length("é")).isEqualTo(2);
    assertThat(TagCollector.utf8Length("€")).isEqualTo(3);
    assertThat(TagCollector.utf8Length("😀")).isEqualTo(4);
  }

  private static TagResult values(
      SearchEngine engine,
      TagValuesRequest request,
      long maxBytes,
      java.util.function.ToLongFunction<Static> bytes) {
    return engine.tagValues(
        List.of("t"),
        request,
        new TagLimits(0, 0, maxBytes, Duration.ofSeconds(5)),
        bytes,
        new CompletableFuture<>());
  }
}
