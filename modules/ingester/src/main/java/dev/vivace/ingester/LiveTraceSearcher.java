package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import dev.vivace.search.SearchMetrics;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchSink;
import dev.vivace.search.TagMatcher;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.search.TraceMatch;
import dev.vivace.search.TraceMatcher;
import dev.vivace.search.TraceSearcher;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;
import java.util.function.Predicate;

/**
 * Searches the traces an ingester holds for a tenant: live traces in memory, and the head block and
 * the blocks being written, read from their head block files. This is the recent tier of a search:
 * it searches whatever the window (a request with a window still skips traces outside it, as
 * Tempo's ingesters do).
 *
 * <p>Each search takes a snapshot of the tenant's trace references under the tenant's lock and
 * evaluates it outside the lock, so pushes go on meanwhile; a push seen by the snapshot is seen
 * whole, and the head block files it refers to stay readable until the search ends. A trace held in
 * several stages is combined and offered once, each span counted once. Ask this tier before the
 * tier of stored blocks: a block is listed before its traces leave memory, so a trace flushed in
 * between is found in one or the other.
 */
public final class LiveTraceSearcher implements TraceSearcher, TagSearcher {

  private final LiveTraceStore store;

  LiveTraceSearcher(LiveTraceStore store) {
    this.store = requireNonNull(store, "store");
  }

  /**
   * Offers every held trace of {@code tenant} that matches to {@code sink}; one job, which counts
   * each trace, its spans and the bytes it holds in memory.
   */
  @Override
  public void search(String tenant, SearchRequest request, SearchSink sink) {
    requireNonNull(tenant, "tenant");
    requireNonNull(request, "request");
    SearchMetrics metrics = sink.metrics();
    metrics.jobsPlanned(1);
    try (HeldTrace.Snapshot snapshot = store.snapshot(tenant)) {
      for (HeldTrace trace : snapshot.traces()) {
        if (sink.isDone()) {
          return;
        }
        List<ResourceSpans> batches = trace.combined();
        metrics.inspected(1, Traces.spanCount(batches), trace.bytes());
        TraceMatch match = TraceMatcher.match(request, trace.traceId(), batches);
        if (match != null && !sink.offer(match)) {
          return;
        }
      }
    } finally {
      metrics.jobCompleted();
    }
  }

  /** Offers the names found in each held trace of {@code tenant}, counting its bytes. */
  @Override
  public void tagNames(String tenant, TagRequest request, TagSink sink) {
    requireNonNull(request, "request");
    eachTrace(tenant, sink, t -> TagMatcher.names(request, t.traceId(), t.combined(), sink));
  }

  /** Offers the values found in each held trace of {@code tenant}, counting its bytes. */
  @Override
  public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
    requireNonNull(request, "request");
    eachTrace(tenant, sink, t -> TagMatcher.values(request, t.traceId(), t.combined(), sink));
  }

  /** Gives {@code offer} each held trace until it answers false or the sink is done. */
  private void eachTrace(String tenant, TagSink sink, Predicate<HeldTrace> offer) {
    requireNonNull(tenant, "tenant");
    requireNonNull(sink, "sink");
    if (sink.isDone()) {
      return;
    }
    try (HeldTrace.Snapshot snapshot = store.snapshot(tenant)) {
      for (HeldTrace trace : snapshot.traces()) {
        if (sink.isDone()) {
          return;
        }
        sink.inspectedBytes(trace.bytes());
        if (!offer.test(trace)) {
          return;
        }
      }
    }
  }

  @Override
  public String toString() {
    return "LiveTraceSearcher{" + store + "}";
  }
}
