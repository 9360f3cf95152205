package dev.vivace.load;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One generated trace: its index in the run, its ID, and its spans grouped by service. */
record GeneratedTrace(long index, ByteString traceId, List<ResourceSpans> batches, int spanCount) {

  GeneratedTrace {
    batches = List.copyOf(batches);
  }

  String traceIdHex() {
    return HexFormat.of().formatHex(traceId.toByteArray());
  }

  /**
   * Splits the trace into pieces of at most {@code maxSpans} spans each, as a large trace reaches a
   * backend in several exports. A trace that fits is one piece.
   */
  List<List<ResourceSpans>> chunks(int maxSpans) {
    if (spanCount <= maxSpans) {
      return List.of(batches);
    }
    List<List<ResourceSpans>> chunks = new ArrayList<>();
    List<ResourceSpans> current = new ArrayList<>();
    int inCurrent = 0;
    for (ResourceSpans rs : batches) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        List<Span> spans = ss.getSpansList();
        int from = 0;
        while (from < spans.size()) {
          int take = Math.min(spans.size() - from, maxSpans - inCurrent);
          current.add(
              rs.toBuilder()
                  .clearScopeSpans()
                  .addScopeSpans(
                      ss.toBuilder().clearSpans().addAllSpans(spans.subList(from, from + take)))
                  .build());
          from += take;
          inCurrent += take;
          if (inCurrent == maxSpans) {
            chunks.add(current);
            current = new ArrayList<>();
            inCurrent = 0;
          }
        }
      }
    }
    if (inCurrent > 0) {
      chunks.add(current);
    }
    return chunks;
  }
}
