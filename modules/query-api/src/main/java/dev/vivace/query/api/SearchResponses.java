package dev.vivace.query.api;

import dev.vivace.search.SearchMetrics;
import dev.vivace.search.SearchResult;
import dev.vivace.search.ServiceStats;
import dev.vivace.search.SpanAttribute;
import dev.vivace.search.SpanMatch;
import dev.vivace.search.SpansetMatch;
import dev.vivace.search.TraceMatch;
import dev.vivace.tempopb.SearchResponse;
import dev.vivace.tempopb.SpanSet;
import dev.vivace.tempopb.TraceSearchMetadata;
import dev.vivace.traceql.Static;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link SearchResult} as Tempo's {@code tempopb.SearchResponse}, field for field: nothing that
 * Tempo does not send, since Grafana decodes it strictly.
 */
final class SearchResponses {

  /** What Tempo shows as the root service of a trace whose root span it has not seen. */
  static final String ROOT_SPAN_NOT_YET_RECEIVED = "<root span not yet received>";

  /**
   * Intrinsics Tempo does not show among a span's attributes: the span name goes into the span's
   * {@code name} field, and the span's duration and start have fields of their own.
   */
  private static final Set<String> NOT_SHOWN =
      Set.of(
          "duration",
          "span:duration",
          "traceDuration",
          "trace:duration",
          "rootServiceName",
          "trace:rootService",
          "rootName",
          "trace:rootName");

  private static final Set<String> NAME = Set.of("name", "span:name");

  private SearchResponses() {}

  static SearchResponse of(SearchResult result) {
    SearchResponse.Builder response = SearchResponse.newBuilder();
    for (TraceMatch trace : result.traces()) {
      response.addTraces(trace(trace));
    }
    // Always present, even when every counter is zero: Tempo always sends "metrics".
    response.setMetrics(metrics(result));
    return response.build();
  }

  /** One trace as Tempo's search shows it. */
  static TraceSearchMetadata trace(TraceMatch trace) {
    TraceSearchMetadata.Builder out =
        TraceSearchMetadata.newBuilder()
            .setTraceID(trace.traceId().toTrimmedHex())
            .setStartTimeUnixNano(trace.startNanos())
            // Floored; 0 is omitted, and Grafana then shows "<1ms".
            .setDurationMs(
                (int)
                    Math.min(
                        Math.max(0, trace.endNanos() - trace.startNanos()) / 1_000_000L,
                        0xFFFF_FFFFL));
    String rootService = trace.rootServiceName();
    out.setRootServiceName(
        rootService == null || rootService.isEmpty() ? ROOT_SPAN_NOT_YET_RECEIVED : rootService);
    if (trace.rootSpanName() != null) {
      out.setRootTraceName(trace.rootSpanName());
    }
    for (SpansetMatch set : trace.spansets()) {
      out.addSpanSets(spanSet(set));
    }
    if (out.getSpanSetsCount() > 0) {
      // Deprecated, but Tempo still sends it: the first span set again.
      out.setSpanSet(out.getSpanSets(0));
    }
    // Sorted by service, as Tempo's JSON marshaller orders map keys.
    for (Map.Entry<String, ServiceStats> e : new TreeMap<>(trace.serviceStats()).entrySet()) {
      out.putServiceStats(
          e.getKey(),
          dev.vivace.tempopb.ServiceStats.newBuilder()
              .setSpanCount(e.getValue().spanCount())
              .setErrorCount(e.getValue().errorCount())
              .build());
    }
    return out.build();
  }

  private static SpanSet spanSet(SpansetMatch set) {
    SpanSet.Builder out = SpanSet.newBuilder().setMatched(set.matched());
    for (SpanMatch span : set.spans()) {
      out.addSpans(span(span));
    }
    for (SpanAttribute attribute : set.attributes()) {
      out.addAttributes(keyValue(attribute));
    }
    return out.build();
  }

  private static dev.vivace.tempopb.Span span(SpanMatch span) {
    dev.vivace.tempopb.Span.Builder out =
        dev.vivace.tempopb.Span.newBuilder()
            .setSpanID(span.spanId())
            .setStartTimeUnixNano(span.startNanos())
            .setDurationNanos(span.durationNanos());
    String name = span.name();
    for (SpanAttribute attribute : span.attributes()) {
      if (NAME.contains(attribute.key())) {
        if (name == null && attribute.value() instanceof Static.StringValue s) {
          name = s.value();
        }
      } else if (!NOT_SHOWN.contains(attribute.key())) {
        out.addAttributes(keyValue(attribute));
      }
    }
    if (name != null) {
      out.setName(name);
    }
    return out.build();
  }

  private static KeyValue keyValue(SpanAttribute attribute) {
    return KeyValue.newBuilder()
        .setKey(attribute.key())
        .setValue(anyValue(attribute.value()))
        .build();
  }

  /**
   * A value as Tempo shows it: strings, integers, floats and booleans as themselves; durations as
   * Go prints them ({@code 1.5s}); status, kind and {@code nil} as their keywords.
   */
  static AnyValue anyValue(Static value) {
    AnyValue.Builder out = AnyValue.newBuilder();
    if (value instanceof Static.StringValue s) {
      out.setStringValue(s.value());
    } else if (value instanceof Static.IntValue i) {
      out.setIntValue(i.value());
    } else if (value instanceof Static.FloatValue f) {
      out.setDoubleValue(f.value());
    } else if (value instanceof Static.BoolValue b) {
      out.setBoolValue(b.value());
    } else if (value instanceof Static.DurationValue d) {
      out.setStringValue(GoFormat.formatDuration(d.nanos()));
    } else {
      // StatusValue, KindValue and NilValue print as their keywords.
      out.setStringValue(value.toString());
    }
    return out.build();
  }

  /** Tempo's counters of a search. */
  /**
   * The final counters of {@code result}; when it ran out of time, with fewer jobs completed than
   * planned.
   */
  static dev.vivace.tempopb.SearchMetrics metrics(SearchResult result) {
    dev.vivace.tempopb.SearchMetrics metrics = metrics(result.metrics());
    return result.timedOut() ? PartialAnswers.unfinished(metrics) : metrics;
  }

  static dev.vivace.tempopb.SearchMetrics metrics(SearchMetrics metrics) {
    return dev.vivace.tempopb.SearchMetrics.newBuilder()
        .setInspectedTraces(uint32(metrics.inspectedTraces()))
        .setInspectedBytes(metrics.inspectedBytes())
        .setTotalBlocks(uint32(metrics.totalBlocks()))
        .setCompletedJobs(uint32(metrics.completedJobs()))
        .setTotalJobs(uint32(metrics.totalJobs()))
        .setTotalBlockBytes(metrics.totalBlockBytes())
        .setInspectedSpans(metrics.inspectedSpans())
        .build();
  }

  /** A count for a uint32 field: saturated rather than wrapped. */
  private static int uint32(long count) {
    return (int) Math.min(Math.max(0, count), 0xFFFF_FFFFL);
  }
}
