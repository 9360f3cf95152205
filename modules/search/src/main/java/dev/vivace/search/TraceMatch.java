package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.trace.TraceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A trace that matched a search, as far as one tier (or several, once {@linkplain #combine
 * combined}) knows it.
 *
 * @param traceId the trace
 * @param rootServiceName {@code service.name} of the root span, null when no root span is known
 * @param rootSpanName name of the root span, null when no root span is known
 * @param startNanos the earliest start of the trace's spans, Unix epoch nanoseconds
 * @param endNanos the latest end of the trace's spans
 * @param spansets the span sets the query yielded, at least one
 * @param serviceStats span and error counts per {@code service.name} over the trace's spans
 */
public record TraceMatch(
    TraceId traceId,
    @Nullable String rootServiceName,
    @Nullable String rootSpanName,
    long startNanos,
    long endNanos,
    List<SpansetMatch> spansets,
    Map<String, ServiceStats> serviceStats) {

  /** Copies the collections. */
  public TraceMatch {
    requireNonNull(traceId, "traceId");
    spansets = List.copyOf(spansets);
    serviceStats = Map.copyOf(serviceStats);
  }

  /**
   * Combines two answers for the same trace, as Tempo combines search results from its jobs: the
   * root is whichever side knows it, times widen, span sets with the same attributes merge (spans
   * de-duplicated by ID, at most {@code spansPerSpanSet} shown, 0 meaning all) and other span sets
   * are kept side by side, service counts add up.
   */
  public static TraceMatch combine(TraceMatch a, TraceMatch b, int spansPerSpanSet) {
    if (!a.traceId.equals(b.traceId)) {
      throw new IllegalArgumentException("different traces: " + a.traceId + ", " + b.traceId);
    }
    List<SpansetMatch> sets = new ArrayList<>(a.spansets);
    for (SpansetMatch incoming : b.spansets) {
      int same = -1;
      for (int i = 0; i < sets.size(); i++) {
        if (sets.get(i).attributes().equals(incoming.attributes())) {
          same = i;
          break;
        }
      }
      if (same < 0) {
        sets.add(incoming);
      } else {
        sets.set(same, merge(sets.get(same), incoming, spansPerSpanSet));
      }
    }
    Map<String, ServiceStats> stats = new LinkedHashMap<>(a.serviceStats);
    b.serviceStats.forEach((service, s) -> stats.merge(service, s, ServiceStats::plus));
    boolean aHasRoot = a.rootServiceName != null || a.rootSpanName != null;
    return new TraceMatch(
        a.traceId,
        aHasRoot ? a.rootServiceName : b.rootServiceName,
        aHasRoot ? a.rootSpanName : b.rootSpanName,
        Math.min(a.startNanos, b.startNanos),
        Math.max(a.endNanos, b.endNanos),
        sets,
        stats);
  }

  private static SpansetMatch merge(SpansetMatch a, SpansetMatch b, int spansPerSpanSet) {
    Set<String> ids = new LinkedHashSet<>();
    List<SpanMatch> spans = new ArrayList<>();
    int duplicates = 0;
    for (List<SpanMatch> side : List.of(a.spans(), b.spans())) {
      for (SpanMatch span : side) {
        if (!ids.add(span.spanId())) {
          duplicates++;
        } else if (spansPerSpanSet == 0 || spans.size() < spansPerSpanSet) {
          spans.add(span);
        }
      }
    }
    int matched = Math.max(spans.size(), a.matched() + b.matched() - duplicates);
    return new SpansetMatch(spans, matched, a.attributes());
  }
}
