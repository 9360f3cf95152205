package dev.vivace.ingester;

import dev.vivace.ingest.IngestLog;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchResult;
import dev.vivace.search.ServiceStats;
import dev.vivace.search.TraceMatch;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import dev.vivace.wal.WriteAheadLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A started ingester on a fake clock with a real write-ahead log, blocks kept in memory, and a
 * search engine whose only tier is the ingester: idle traces are cut at the check 10 s after start
 * (and every 10 s), head blocks 30 s after they started.
 */
final class FakeTimeIngester implements AutoCloseable {

  final MutableClock clock = new MutableClock();
  final FakeFlushScheduler scheduler = new FakeFlushScheduler(clock);
  final MemoryBlocks blocks = new MemoryBlocks();
  final LiveTraceStore store = store(clock);
  final Ingester ingester;
  final SearchEngine engine;

  /** A store on {@code clock}: traces idle after 5 s, head blocks cut after 30 s. */
  static LiveTraceStore store(MutableClock clock) {
    return LiveTraceStore.builder()
        .clock(clock)
        .traceIdlePeriod(Duration.ofSeconds(5))
        .maxBlockDuration(Duration.ofSeconds(30))
        .build();
  }

  /** An ingester run by {@code scheduler}: checks every 10 s, retries after 1 s up to 10 s. */
  static IngesterBuilder builder(
      LiveTraceStore store, IngestLog log, MemoryBlocks blocks, FakeFlushScheduler scheduler) {
    return Ingester.builder(store, log, blocks)
        .scheduler(scheduler)
        .flushCheckPeriod(Duration.ofSeconds(10))
        .flushBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  FakeTimeIngester(Path wal) {
    ingester =
        builder(store, WriteAheadLog.builder(wal).sync(false).build(), blocks, scheduler).build();
    ingester.start();
    // The engine runs each search on the caller's thread.
    engine =
        new SearchEngine(List.of(ingester.searcher()), List.of(ingester.searcher()), Runnable::run);
  }

  static SearchRequest request(String query, TimeRange range, int limit) {
    return new SearchRequest(TraceQuery.compile(TraceQL.parse(query)), range, limit, 0);
  }

  SearchResult search(List<String> tenants, String query, TimeRange range, int limit) {
    return engine.search(tenants, request(query, range, limit), Duration.ofMinutes(1), null);
  }

  SearchResult search(String query) {
    return search(List.of("t"), query, TimeRange.ALL, 20);
  }

  /** Every span of the trace the match stands for, over all its services. */
  static int spans(TraceMatch match) {
    return match.serviceStats().values().stream().mapToInt(ServiceStats::spanCount).sum();
  }

  @Override
  public void close() {
    ingester.close();
  }
}
