package dev.vivace.trace;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines fragments of one trace the way Tempo does before answering trace-by-id: the first copy
 * of each (span ID, kind) wins, groups left empty are dropped, merged results are sorted by start
 * time, and a span ID shared by a Zipkin client and server span is split so the trace is a tree.
 * Every resource, scope and status message is set on the way out, as Grafana requires.
 */
public final class TraceCombiner {

  private static final Comparator<Span> SPAN_ORDER =
      Comparator.<Span>comparingLong(s -> s.getStartTimeUnixNano() ^ Long.MIN_VALUE)
          .thenComparing(Span::getSpanId, ByteString.unsignedLexicographicalComparator());
  private static final Comparator<ScopeSpans> SCOPE_ORDER =
      Comparator.comparing(ss -> ss.getSpans(0), SPAN_ORDER);
  private static final Comparator<ResourceSpans> RESOURCE_ORDER =
      Comparator.comparing(rs -> rs.getScopeSpans(0), SCOPE_ORDER);

  /** Returns the combined trace; an empty list when the fragments hold no span. */
  public static List<ResourceSpans> combine(List<ResourceSpans> fragments) {
    return splitSharedSpanIds(merge(fragments));
  }

  /**
   * Returns the fragments merged for storage: duplicates dropped, groups left empty dropped, sorted
   * when there was more than one fragment. Span IDs are left as they are.
   */
  public static List<ResourceSpans> merge(List<ResourceSpans> fragments) {
    Set<SpanKey> seen = new HashSet<>();
    List<ResourceSpans> result = new ArrayList<>(fragments.size());
    for (ResourceSpans fragment : fragments) {
      ResourceSpans rs = Traces.normalize(fragment);
      ResourceSpans.Builder rsb = rs.toBuilder().clearScopeSpans();
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        ScopeSpans.Builder ssb = ss.toBuilder().clearSpans();
        for (Span span : ss.getSpansList()) {
          if (seen.add(new SpanKey(span.getSpanId(), span.getKindValue()))) {
            ssb.addSpans(span);
          }
        }
        if (ssb.getSpansCount() > 0) {
          rsb.addScopeSpans(ssb);
        }
      }
      if (rsb.getScopeSpansCount() > 0) {
        result.add(rsb.build());
      }
    }
    if (fragments.size() > 1) {
      result = sorted(result);
    }
    return result;
  }

  private static List<ResourceSpans> sorted(List<ResourceSpans> batches) {
    List<ResourceSpans> out = new ArrayList<>(batches.size());
    for (ResourceSpans rs : batches) {
      List<ScopeSpans> scopes = new ArrayList<>(rs.getScopeSpansCount());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        List<Span> spans = new ArrayList<>(ss.getSpansList());
        spans.sort(SPAN_ORDER);
        scopes.add(ss.toBuilder().clearSpans().addAllSpans(spans).build());
      }
      scopes.sort(SCOPE_ORDER);
      out.add(rs.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build());
    }
    out.sort(RESOURCE_ORDER);
    return out;
  }

  /**
   * Zipkin clients and servers may share one span ID. The server span gets a fresh ID whose parent
   * is the shared one (the client span), and the server's children follow it.
   */
  static List<ResourceSpans> splitSharedSpanIds(List<ResourceSpans> batches) {
    Set<ByteString> clientIds = new HashSet<>();
    Set<ByteString> serverIds = new HashSet<>();
    Set<ByteString> allIds = new HashSet<>();
    for (ResourceSpans rs : batches) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          allIds.add(span.getSpanId());
          if (span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT) {
            clientIds.add(span.getSpanId());
          } else if (span.getKind() == Span.SpanKind.SPAN_KIND_SERVER) {
            serverIds.add(span.getSpanId());
          }
        }
      }
    }
    serverIds.retainAll(clientIds);
    if (serverIds.isEmpty()) {
      return batches;
    }
    Map<ByteString, ByteString> newServerIds = new HashMap<>();
    for (ByteString shared : serverIds) {
      newServerIds.put(shared, freshId(shared, allIds));
    }
    List<ResourceSpans> out = new ArrayList<>(batches.size());
    for (ResourceSpans rs : batches) {
      ResourceSpans.Builder rsb = rs.toBuilder();
      for (ScopeSpans.Builder ssb : rsb.getScopeSpansBuilderList()) {
        for (Span.Builder span : ssb.getSpansBuilderList()) {
          ByteString id = span.getSpanId();
          ByteString parent = span.getParentSpanId();
          if (span.getKind() == Span.SpanKind.SPAN_KIND_SERVER && newServerIds.containsKey(id)) {
            span.setSpanId(newServerIds.get(id)).setParentSpanId(id);
          } else if (newServerIds.containsKey(parent)) {
            span.setParentSpanId(newServerIds.get(parent));
          }
        }
      }
      out.add(rsb.build());
    }
    return out;
  }

  /** Derives an unused, non-zero span ID from {@code shared}, the same one every time. */
  private static ByteString freshId(ByteString shared, Set<ByteString> used) {
    long x =
        shared.size() == 8 ? ByteBuffer.wrap(shared.toByteArray()).getLong() : shared.hashCode();
    x = mix(x);
    while (true) {
      ByteString candidate = ByteString.copyFrom(ByteBuffer.allocate(8).putLong(x).array());
      if (x != 0 && used.add(candidate)) {
        return candidate;
      }
      x++;
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private record SpanKey(ByteString spanId, int kind) {}

  private TraceCombiner() {}
}
