package dev.vivace.query.api;

import com.google.protobuf.CodedOutputStream;
import dev.vivace.tempopb.SearchMetrics;
import dev.vivace.tempopb.SearchResponse;
import dev.vivace.tempopb.SpanSet;
import dev.vivace.tempopb.TraceSearchMetadata;
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
