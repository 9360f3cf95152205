package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.trace.TraceId;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a search over every tier of every tenant and combines the answers as Tempo does: fragments
 * of one trace merge, the newest {@code limit} traces are returned newest first, and a search that
 * runs out of time returns what it has, marked as timed out.
 *
 * <p>Tiers are asked in the order given, for each tenant in turn; put the tiers of recent data
 * first, so that a trace that moves to a block during the search is still found.
 */
public final class SearchEngine {

  private final List<TraceSearcher> searchers;
  private final List<TagSearcher> tagSearchers;
  private final Executor executor;
  private final LongSupplier nanoTime;

  /**
   * Creates an engine over {@code searchers} and {@code tagSearchers}, running each search on
   * {@code executor} so that the caller can stop waiting at the deadline.
   */
  public SearchEngine(
      List<TraceSearcher> searchers, List<TagSearcher> tagSearchers, Executor executor) {
    this(searchers, tagSearchers, executor, System::nanoTime);
  }

  SearchEngine(
      List<TraceSearcher> searchers,
      List<TagSearcher> tagSearchers,
      Executor executor,
      LongSupplier nanoTime) {
    this.searchers = List.copyOf(searchers);
    this.tagSearchers = List.copyOf(tagSearchers);
    this.executor = requireNonNull(executor, "executor");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * Searches {@code tenants} (one, or several for {@code a|b}), waiting at most {@code timeout}.
   * {@code progress}, when not null, hears of every trace as it is found or grows.
   */
  public SearchResult search(
      List<String> tenants,
      SearchRequest request,
      Duration timeout,
      @Nullable SearchProgress progress) {
    requireNonNull(request, "request");
    Collector collector =
        new Collector(request, nanoTime.getAsLong() + timeout.toNanos(), nanoTime, progress);
    if (progress != null) {
      progress.started(collector.metrics());
    }
    boolean timedOut =
        run(
            () ->
                forEachTier(
                    tenants,
                    searchers,
                    collector::isDone,
                    (tenant, searcher) -> searcher.search(tenant, request, collector)),
            timeout,
            collector::stop);
    return collector.result(timedOut || collector.deadlinePassed());
  }

  /** Finds attribute names of {@code tenants}, at most {@code limitPerScope} per scope. */
  public TagResult tagNames(
      List<String> tenants,
      TagRequest request,
      int limitPerScope,
      int maxStaleValues,
      Duration timeout) {
    TagCollector collector =
        new TagCollector(
            limitPerScope, maxStaleValues, nanoTime.getAsLong() + timeout.toNanos(), nanoTime);
    boolean timedOut =
        run(
            () ->
                forEachTier(
                    tenants,
                    tagSearchers,
                    collector::isDone,
                    (tenant, searcher) -> searcher.tagNames(tenant, request, collector)),
            timeout,
            collector::stop);
    return collector.result(timedOut || collector.deadlinePassed());
  }

  /** Finds the distinct values of an attribute or intrinsic, at most {@code limit}. */
  public TagResult tagValues(
      List<String> tenants,
      TagValuesRequest request,
      int limit,
      int maxStaleValues,
      Duration timeout) {
    TagCollector collector =
        new TagCollector(limit, maxStaleValues, nanoTime.getAsLong() + timeout.toNanos(), nanoTime);
    boolean timedOut =
        run(
            () ->
                forEachTier(
                    tenants,
                    tagSearchers,
                    collector::isDone,
                    (tenant, searcher) -> searcher.tagValues(tenant, request, collector)),
            timeout,
            collector::stop);
    return collector.result(timedOut || collector.deadlinePassed());
  }

  /** Asks each tier of each tenant in turn, until {@code done}. */
  private static <T> void forEachTier(
      List<String> tenants, List<T> tiers, BooleanSupplier done, BiConsumer<String, T> ask) {
    for (String tenant : tenants) {
      for (T tier : tiers) {
        if (done.getAsBoolean()) {
          return;
        }
        ask.accept(tenant, tier);
      }
    }
  }

  /**
   * Runs {@code work} on the executor; returns true if it did not finish within {@code timeout}.
   */
  private boolean run(Runnable work, Duration timeout, Runnable stop) {
    FutureTask<@Nullable Void> task = new FutureTask<>(work, null);
    executor.execute(task);
    try {
      task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return false;
    } catch (TimeoutException e) {
      stop.run();
      return true;
    } catch (InterruptedException e) {
      stop.run();
      Thread.currentThread().interrupt();
      throw new CancellationException("search interrupted");
    } catch (ExecutionException e) {
      stop.run();
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Combines matches as they arrive. */
  static final class Collector implements SearchSink {

    private static final Comparator<TraceMatch> NEWEST_FIRST =
        Comparator.comparingLong(TraceMatch::startNanos)
            .reversed()
            .thenComparing(TraceMatch::traceId);

    private final SearchRequest request;
    private final long deadlineNanos;
    private final LongSupplier nanoTime;
    private final @Nullable SearchProgress progress;
    private final SearchMetrics metrics = new SearchMetrics();
    private final Map<TraceId, TraceMatch> found = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean stopped;

    Collector(
        SearchRequest request,
        long deadlineNanos,
        LongSupplier nanoTime,
        @Nullable SearchProgress progress) {
      this.request = request;
      this.deadlineNanos = deadlineNanos;
      this.nanoTime = nanoTime;
      this.progress = progress;
    }

    @Override
    public synchronized boolean offer(TraceMatch match) {
      if (stopped) {
        return false;
      }
      TraceMatch known = found.get(match.traceId());
      boolean full = found.size() >= request.limit();
      if (known == null && full && !request.query().mostRecent()) {
        return false;
      }
      TraceMatch combined =
          known == null ? match : TraceMatch.combine(known, match, request.spansPerSpanSet());
      found.put(match.traceId(), combined);
      if (request.query().mostRecent() && found.size() > request.limit()) {
        TraceMatch oldest = found.values().stream().max(NEWEST_FIRST).orElseThrow();
        found.remove(oldest.traceId());
        if (oldest.traceId().equals(combined.traceId())) {
          return !isDone();
        }
      }
      if (progress != null) {
        progress.updated(combined);
      }
      return !isDone();
    }

    @Override
    public boolean isDone() {
      if (stopped || deadlinePassed()) {
        return true;
      }
      if (request.query().mostRecent()) {
        return false;
      }
      synchronized (this) {
        return found.size() >= request.limit();
      }
    }

    @Override
    public synchronized long oldestKeptStartNanos() {
      if (found.size() < request.limit()) {
        return Long.MIN_VALUE;
      }
      return found.values().stream().max(NEWEST_FIRST).orElseThrow().startNanos();
    }

    @Override
    public SearchMetrics metrics() {
      return metrics;
    }

    @Override
    public synchronized void failure(String description) {
      failures.add(requireNonNull(description, "description"));
    }

    boolean deadlinePassed() {
      return nanoTime.getAsLong() - deadlineNanos >= 0;
    }

    void stop() {
      stopped = true;
    }

    synchronized SearchResult result(boolean timedOut) {
      stopped = true;
      List<TraceMatch> traces = new ArrayList<>(found.values());
      traces.sort(NEWEST_FIRST);
      return new SearchResult(
          traces.subList(0, Math.min(traces.size(), request.limit())), metrics, failures, timedOut);
    }
  }

  /**
   * Collects distinct names per scope, or distinct values, with a limit and a staleness cut-off.
   */
  static final class TagCollector implements TagSink {

    private final int limit;
    private final int maxStaleValues;
    private final long deadlineNanos;
    private final LongSupplier nanoTime;
    private final Map<AttributeScope, Set<String>> names = new EnumMap<>(AttributeScope.class);
    private final Set<Static> values = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private long inspectedBytes;
    private int stale;
    private boolean full;
    private volatile boolean stopped;

    TagCollector(int limit, int maxStaleValues, long deadlineNanos, LongSupplier nanoTime) {
      this.limit = limit;
      this.maxStaleValues = maxStaleValues;
      this.deadlineNanos = deadlineNanos;
      this.nanoTime = nanoTime;
    }

    @Override
    public synchronized boolean addName(AttributeScope scope, String name) {
      if (stopped) {
        return false;
      }
      Set<String> scopeNames = names.computeIfAbsent(scope, s -> new TreeSet<>());
      if (scopeNames.contains(name)) {
        countStale();
      } else if (limit > 0 && scopeNames.size() >= limit) {
        // Other scopes may still have room; this one is full.
      } else {
        scopeNames.add(name);
        stale = 0;
      }
      return !isDone();
    }

    @Override
    public synchronized boolean addValue(Static value) {
      if (stopped) {
        return false;
      }
      if (values.contains(value)) {
        countStale();
      } else if (limit > 0 && values.size() >= limit) {
        full = true;
      } else {
        values.add(value);
        stale = 0;
        full = limit > 0 && values.size() >= limit;
      }
      return !isDone();
    }

    private void countStale() {
      stale++;
      if (maxStaleValues > 0 && stale >= maxStaleValues) {
        full = true;
      }
    }

    @Override
    public synchronized boolean isDone() {
      return stopped || full || deadlinePassed();
    }

    @Override
    public synchronized void inspectedBytes(long bytes) {
      inspectedBytes += bytes;
    }

    @Override
    public synchronized void failure(String description) {
      failures.add(requireNonNull(description, "description"));
    }

    boolean deadlinePassed() {
      return nanoTime.getAsLong() - deadlineNanos >= 0;
    }

    void stop() {
      stopped = true;
    }

    synchronized TagResult result(boolean timedOut) {
      stopped = true;
      Map<AttributeScope, List<String>> byScope = new EnumMap<>(AttributeScope.class);
      names.forEach((scope, set) -> byScope.put(scope, List.copyOf(set)));
      return new TagResult(byScope, List.copyOf(values), inspectedBytes, failures, timedOut);
    }
  }
}
