package dev.vivace.benchmarks;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.list.BlockObjectCache;
import dev.vivace.block.list.BlockPoller;
import dev.vivace.block.list.BlockSearcher;
import dev.vivace.block.list.Blocklist;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchResult;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Search latency and object-store reads over blocks of the load tool's traces, for Grafana's
 * default query shapes and for tag discovery. The blocks are written once into {@code --dir} (by
 * the block writer the server uses) and reused by later runs; each query then runs through the
 * search engine and the block searcher as the server wires them, behind an {@link
 * InstrumentedObjectStore} that counts what reaches the store.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/jmh/target/benchmarks.jar dev.vivace.benchmarks.SearchBenchmark \
 *     --dir=/tmp/vivace-search-bench --spans=5000000 --iterations=30 --slow-iterations=3
 * </pre>
 */
public final class SearchBenchmark {

  static final String TENANT = SearchData.TENANT;

  /** Grafana's default search shapes, and a few power-user ones. */
  static final List<String> QUERIES =
      List.of(
          "{}",
          "{resource.service.name=\"payment\"}",
          "{resource.service.name=\"payment\" && status=error}",
          "{resource.service.name=\"payment\" && duration>45ms}",
          "{resource.service.name=~\"pay.*\"}",
          "{.no.such.attribute=\"nothing\"}",
          "{resource.service.name=\"frontend\"} >> {status=error}");

  /**
   * Queries that read every attribute value (an unscoped attribute whose name occurs but whose
   * value never does), run {@code --slow-iterations} times after one warm-up.
   */
  static final List<String> SLOW_QUERIES = List.of("{.app.loyalty.level=\"gold\"}");

  private SearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(option(args, "dir", "/tmp/vivace-search-bench"));
    long spans = Long.parseLong(option(args, "spans", "5000000"));
    int iterations = Integer.parseInt(option(args, "iterations", "30"));
    int slowIterations = Integer.parseInt(option(args, "slow-iterations", "3"));
    SearchData.ensure(dir, spans);
    LocalObjectStore local = LocalObjectStore.of(dir);
    Blocklist blocklist = new Blocklist();
    new BlockPoller(local, blocklist).poll();
    List<BlockMeta> blocks = blocklist.candidates(TENANT, TimeRange.ALL);
    System.out.printf(
        Locale.ROOT,
        "%d blocks, %,d traces, %,d bytes%n",
        blocks.size(),
        blocks.stream().mapToLong(BlockMeta::totalObjects).sum(),
        blocks.stream().mapToLong(BlockMeta::size).sum());

    InstrumentedObjectStore store =
        new InstrumentedObjectStore(local, Duration.ZERO, InstrumentedObjectStore.Sleeper.REAL);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    ObjectStore cached = new BlockObjectCache(store, BlockObjectCache.DEFAULT_MAX_BYTES);
    BlockSearcher searcher = new BlockSearcher(cached, blocklist, pool);
    SearchEngine engine =
        new SearchEngine(List.of(searcher), List.of(searcher), Executors.newCachedThreadPool());
    long base = SearchData.BASE_SECONDS;
    TimeRange range = new TimeRange(base - 60, base + 3600);

    System.out.println("| Query | p50 ms | p99 ms | traces | bytes read | GETs |");
    System.out.println("|---|---|---|---|---|---|");
    for (String q : QUERIES) {
      SearchRequest request = new SearchRequest(TraceQuery.compile(TraceQL.parse(q)), range, 20, 3);
      measure(
          "`" + q + "`",
          iterations,
          store,
          () -> {
            SearchResult r = engine.search(List.of(TENANT), request, Duration.ofMinutes(1), null);
            if (r.isPartial()) {
              throw new IllegalStateException("partial result for " + q + ": " + r.failures());
            }
            return r.traces().size();
          });
    }
    TagRequest tags =
        new TagRequest(EnumSet.complementOf(EnumSet.of(AttributeScope.NONE)), null, range);
    measure(
        "tags (all scopes)",
        iterations,
        store,
        () -> {
          TagResult r = engine.tagNames(List.of(TENANT), tags, 5000, 0, Duration.ofMinutes(1));
          return r.names().values().stream().mapToInt(List::size).sum();
        });
    for (String tag : List.of("resource.service.name", "span.url.path")) {
      TagValuesRequest values = new TagValuesRequest(TraceQL.parseIdentifier(tag), null, range);
      measure(
          "values of `" + tag + "` (limit 5000)",
          iterations,
          store,
          () ->
              engine
                  .tagValues(List.of(TENANT), values, 5000, 0, Duration.ofMinutes(1))
                  .values()
                  .size());
    }
    for (String q : SLOW_QUERIES) {
      SearchRequest request = new SearchRequest(TraceQuery.compile(TraceQL.parse(q)), range, 20, 3);
      measure(
          "`" + q + "` (name in every block, value in none)",
          slowIterations,
          1,
          store,
          () ->
              engine.search(List.of(TENANT), request, Duration.ofMinutes(5), null).traces().size());
    }
    pool.shutdownNow();
    System.exit(0);
  }

  private static void measure(
      String name, int iterations, InstrumentedObjectStore store, Supplier<Integer> run) {
    measure(name, iterations, 3, store, run);
  }

  private static void measure(
      String name,
      int iterations,
      int warmups,
      InstrumentedObjectStore store,
      Supplier<Integer> run) {
    int warm = 0;
    for (int i = 0; i < warmups; i++) {
      warm += run.get();
    }
    if (warm < 0) {
      throw new AssertionError();
    }
    long[] nanos = new long[iterations];
    InstrumentedObjectStore.Counts before = store.counts();
    int found = 0;
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      found = run.get();
      nanos[i] = System.nanoTime() - t0;
    }
    InstrumentedObjectStore.Counts after = store.counts();
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %.1f | %d | %,d | %.1f |%n",
        name,
        nanos[iterations / 2] / 1e6,
        nanos[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)] / 1e6,
        found,
        (after.bytesRead() - before.bytesRead()) / iterations,
        (after.reads() - before.reads()) / (double) iterations);
  }

  private static String option(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return a.substring(name.length() + 3);
      }
    }
    return fallback;
  }
}
