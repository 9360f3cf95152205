package dev.vivace.query.api;

import com.google.protobuf.CodedOutputStream;
import dev.vivace.search.SpanAttribute;
import dev.vivace.search.SpanMatch;
import dev.vivace.search.SpansetMatch;
import dev.vivace.search.TraceMatch;
import dev.vivace.tempopb.SearchMetrics;
import dev.vivace.tempopb.SearchResponse;
import dev.vivace.tempopb.ServiceStats;
import dev.vivace.tempopb.Span;
import dev.vivace.tempopb.SpanSet;
import dev.vivace.tempopb.TraceSearchMetadata;
import dev.vivace.traceql.Static;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Search results as {@code tempopb} messages, and their split into responses that each stay under a
 * gRPC client's message limit.
 */
final class GrpcSearchResponses {

  /**
   * The largest response message sent: 1 KiB under the 4 MiB that gRPC clients (Grafana's among
   * them) accept by default.
   */
  static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024 - 1024;

  /** Tempo's root service name for a trace whose root span has not been seen. */
  static final String ROOT_SPAN_NOT_YET_RECEIVED = "<root span not yet received>";

  /** One trace as Tempo's search shows it. */
  static TraceSearchMetadata toProto(TraceMatch match) {
    TraceSearchMetadata.Builder out =
        TraceSearchMetadata.newBuilder()
            .setTraceID(match.traceId().toTrimmedHex())
            .setRootServiceName(
                match.rootServiceName() != null
                    ? match.rootServiceName()
                    : ROOT_SPAN_NOT_YET_RECEIVED)
            .setStartTimeUnixNano(match.startNanos())
            .setDurationMs(
                (int) Math.min((match.endNanos() - match.startNanos()) / 1_000_000, 0xFFFF_FFFFL));
    if (match.rootSpanName() != null) {
      out.setRootTraceName(match.rootSpanName());
    }
    for (SpansetMatch set : match.spansets()) {
      out.addSpanSets(toProto(set));
    }
    if (out.getSpanSetsCount() > 0) {
      // The deprecated single span set, which Tempo still sends and older clients read.
      out.setSpanSet(out.getSpanSets(0));
    }
    match
        .serviceStats()
        .forEach(
            (service, stats) ->
                out.putServiceStats(
                    service,
                    ServiceStats.newBuilder()
                        .setSpanCount(stats.spanCount())
                        .setErrorCount(stats.errorCount())
                        .build()));
    return out.build();
  }

  private static SpanSet toProto(SpansetMatch set) {
    SpanSet.Builder out = SpanSet.newBuilder().setMatched(set.matched());
    for (SpanMatch span : set.spans()) {
      Span.Builder s =
          Span.newBuilder()
              .setSpanID(span.spanId())
              .setStartTimeUnixNano(span.startNanos())
              .setDurationNanos(span.durationNanos());
      if (span.name() != null) {
        s.setName(span.name());
      }
      span.attributes().forEach(a -> s.addAttributes(toProto(a)));
      out.addSpans(s);
    }
    set.attributes().forEach(a -> out.addAttributes(toProto(a)));
    return out.build();
  }

  private static KeyValue toProto(SpanAttribute attribute) {
    AnyValue.Builder value = AnyValue.newBuilder();
    Static v = attribute.value();
    if (v instanceof Static.StringValue s) {
      value.setStringValue(s.value());
    } else if (v instanceof Static.IntValue i) {
      value.setIntValue(i.value());
    } else if (v instanceof Static.FloatValue f) {
      value.setDoubleValue(f.value());
    } else if (v instanceof Static.BoolValue b) {
      value.setBoolValue(b.value());
    } else if (v instanceof Static.DurationValue d) {
      value.setStringValue(GoDurations.format(d.nanos()));
    } else {
      // Keywords (status, kind) and nil, as Tempo writes them.
      value.setStringValue(v.toString());
    }
    return KeyValue.newBuilder().setKey(attribute.key()).setValue(value).build();
  }

  /** Tempo's counters of a search. */
  static SearchMetrics toProto(dev.vivace.search.SearchMetrics m) {
    return SearchMetrics.newBuilder()
        .setInspectedTraces(uint32(m.inspectedTraces()))
        .setInspectedBytes(m.inspectedBytes())
        .setTotalBlocks(uint32(m.totalBlocks()))
        .setCompletedJobs(uint32(m.completedJobs()))
        .setTotalJobs(uint32(m.totalJobs()))
        .setTotalBlockBytes(m.totalBlockBytes())
        .setInspectedSpans(m.inspectedSpans())
        .build();
  }

  private static int uint32(long n) {
    return (int) Math.min(n, 0xFFFF_FFFFL);
  }

  /**
   * Splits {@code traces} into responses of at most {@code maxBytes} each, every one carrying
   * {@code metrics}; at least one response, even without traces. A trace too large for a message of
   * its own loses spans from its span sets until it fits (their {@code matched} counts stay).
   */
  static List<SearchResponse> split(
      List<TraceSearchMetadata> traces, SearchMetrics metrics, int maxBytes) {
    int metricsBytes = CodedOutputStream.computeMessageSize(2, metrics);
    int budget = maxBytes - metricsBytes;
    List<SearchResponse> out = new ArrayList<>();
    SearchResponse.Builder current = SearchResponse.newBuilder().setMetrics(metrics);
    int used = 0;
    for (TraceSearchMetadata trace : traces) {
      TraceSearchMetadata fitting = fit(trace, budget);
      int size = CodedOutputStream.computeMessageSize(1, fitting);
      if (current.getTracesCount() > 0 && used + size > budget) {
        out.add(current.build());
        current = SearchResponse.newBuilder().setMetrics(metrics);
        used = 0;
      }
      current.addTraces(fitting);
      used += size;
    }
    out.add(current.build());
    return out;
  }

  /** {@code trace}, cut down to take at most {@code budget} bytes as a field of a response. */
  static TraceSearchMetadata fit(TraceSearchMetadata trace, int budget) {
    if (CodedOutputStream.computeMessageSize(1, trace) <= budget) {
      return trace;
    }
    TraceSearchMetadata.Builder cut = trace.toBuilder().clearSpanSet();
    int excess = CodedOutputStream.computeMessageSize(1, cut.build()) - budget;
    while (excess > 0) {
      int largest = -1;
      for (int i = 0; i < cut.getSpanSetsCount(); i++) {
        int spans = cut.getSpanSets(i).getSpansCount();
        if (spans > 0 && (largest < 0 || spans > cut.getSpanSets(largest).getSpansCount())) {
          largest = i;
        }
      }
      if (largest < 0) {
        // No spans left to drop: give up the per-service counts, the last thing of any size.
        cut.clearServiceStats();
        break;
      }
      SpanSet.Builder set = cut.getSpanSets(largest).toBuilder();
      int freed = 0;
      // Drop spans from the end until the excess is covered; sizes shrink at least this much.
      while (set.getSpansCount() > 0 && freed < excess) {
        int last = set.getSpansCount() - 1;
        freed += CodedOutputStream.computeMessageSize(1, set.getSpans(last));
        set.removeSpans(last);
      }
      cut.setSpanSets(largest, set);
      excess = CodedOutputStream.computeMessageSize(1, cut.build()) - budget;
    }
    if (cut.getSpanSetsCount() > 0) {
      cut.setSpanSet(cut.getSpanSets(0));
      if (CodedOutputStream.computeMessageSize(1, cut.build()) > budget) {
        cut.clearSpanSet();
      }
    }
    return cut.build();
  }

  private GrpcSearchResponses() {}
}
