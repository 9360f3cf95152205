package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.trace.TraceId;
import dev.vivace.traceql.Static;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
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
    return search(tenants, request, timeout, progress, new CompletableFuture<>());
  }

  /**
   * As {@link #search(List, SearchRequest, Duration, SearchProgress)}, and stops as soon as {@code
   * cancelled} completes (normally or not), for a client that went away: the tiers see their sink
   * done, and this throws {@link CancellationException}.
   */
  public SearchResult search(
      List<String> tenants,
      SearchRequest request,
      Duration timeout,
      @Nullable SearchProgress progress,
      CompletionStage<?> cancelled) {
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
            collector::stop,
            cancelled);
    return collector.result(timedOut || collector.deadlinePassed());
  }

  /** Finds attribute names of {@code tenants}, at most {@code limitPerScope} per scope. */
  public TagResult tagNames(
      List<String> tenants,
      TagRequest request,
      int limitPerScope,
      int maxStaleValues,
      Duration timeout) {
    return tagNames(
        tenants,
        request,
        new TagLimits(limitPerScope, maxStaleValues, 0, timeout),
        new CompletableFuture<>());
  }

  /**
   * Finds attribute names of {@code tenants} within {@code limits} (per scope, except the byte
   * budget, which counts the UTF-8 bytes of all names); stops early when {@code cancelled}
   * completes, as {@link #search(List, SearchRequest, Duration, SearchProgress, CompletionStage)}.
   */
  public TagResult tagNames(
      List<String> tenants, TagRequest request, TagLimits limits, CompletionStage<?> cancelled) {
    requireNonNull(request, "request");
    TagCollector collector = collector(limits, value -> 0);
    boolean timedOut =
        run(
            () ->
                forEachTier(
                    tenants,
                    tagSearchers,
                    collector::isDone,
                    (tenant, searcher) -> searcher.tagNames(tenant, request, collector)),
            limits.timeout(),
            collector::stop,
            cancelled);
    return collector.result(timedOut || collector.deadlinePassed());
  }

  /** Finds the distinct values of an attribute or intrinsic, at most {@code limit}. */
  public TagResult tagValues(
      List<String> tenants,
      TagValuesRequest request,
      int limit,
      int maxStaleValues,
      Duration timeout) {
    return tagValues(
        tenants,
        request,
        new TagLimits(limit, maxStaleValues, 0, timeout),
        value -> 0,
        new CompletableFuture<>());
  }

  /**
   * Finds the distinct values of an attribute or intrinsic within {@code limits}, a value taking
   * {@code valueBytes} of the byte budget (as the answer spells it); stops early when {@code
   * cancelled} completes, as {@link #search(List, SearchRequest, Duration, SearchProgress,
   * CompletionStage)}.
   */
  public TagResult tagValues(
      List<String> tenants,
      TagValuesRequest request,
      TagLimits limits,
      ToLongFunction<Static> valueBytes,
      CompletionStage<?> cancelled) {
    requireNonNull(request, "request");
    TagCollector collector = collector(limits, valueBytes);
    boolean timedOut =
        run(
            () ->
                forEachTier(
                    tenants,
                    tagSearchers,
                    collector::isDone,
                    (tenant, searcher) -> searcher.tagValues(tenant, request, collector)),
            limits.timeout(),
            collector::stop,
            cancelled);
    return collector.result(timedOut || collector.deadlinePassed());
  }

  private TagCollector collector(TagLimits limits, ToLongFunction<Static> valueBytes) {
    return new TagCollector(
        limits, valueBytes, nanoTime.getAsLong() + limits.timeout().toNanos(), nanoTime);
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
   * When {@code cancelled} completes first, stops the work and throws {@link
   * CancellationException}.
   */
  private boolean run(
      Runnable work, Duration timeout, Runnable stop, CompletionStage<?> cancelled) {
    CompletableFuture<@Nullable Void> finished = new CompletableFuture<>();
    FutureTask<@Nullable Void> task =
        new FutureTask<@Nullable Void>(work, null) {
          @Override
          protected void done() {
            finished.complete(null);
          }
        };
    var unused =
        cancelled.whenComplete(
            (ok, cause) -> {
              // Failed first, so that tiers that stop at once do not make it look finished.
              finished.completeExceptionally(new CancellationException("search cancelled"));
              stop.run();
            });
    executor.execute(task);
    try {
      finished.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      task.get();
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
  static final class Collector extends CollectorState implements SearchSink {

    private static final Comparator<TraceMatch> NEWEST_FIRST =
        Comparator.comparingLong(TraceMatch::startNanos)
            .reversed()
            .thenComparing(TraceMatch::traceId);

    private final SearchRequest request;
    private final @Nullable SearchProgress progress;
    private final SearchMetrics metrics = new SearchMetrics();
    private final Map<TraceId, TraceMatch> found = new HashMap<>();

    Collector(
        SearchRequest request,
        long deadlineNanos,
        LongSupplier nanoTime,
        @Nullable SearchProgress progress) {
      super(deadlineNanos, nanoTime);
      this.request = request;
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

    synchronized SearchResult result(boolean timedOut) {
      stopped = true;
      List<TraceMatch> traces = new ArrayList<>(found.values());
      traces.sort(NEWEST_FIRST);
      return new SearchResult(
          traces.subList(0, Math.min(traces.size(), request.limit())), metrics, failures, timedOut);
    }
  }
}
