package dev.vivace.ingester;

import com.google.protobuf.ByteString;
import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.RefusalReason;
import dev.vivace.query.TraceLookup;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The live and completed traces of one tenant. All methods lock this instance. */
final class TenantTraces {

  private final String tenant;
  private final Map<TraceId, LiveTrace> live = new HashMap<>();
  private final Map<TraceId, List<ResourceSpans>> completed = new HashMap<>();

  TenantTraces(String tenant) {
    this.tenant = tenant;
  }

  synchronized PushResult push(
      Map<TraceId, List<ResourceSpans>> byTrace, IngestLimits limits, long nowMillis) {
    int accepted = 0;
    Map<RefusalReason, Integer> refused = new EnumMap<>(RefusalReason.class);
    Map<RefusalReason, String> messages = new EnumMap<>(RefusalReason.class);
    for (Map.Entry<TraceId, List<ResourceSpans>> e : byTrace.entrySet()) {
      TraceId id = e.getKey();
      List<ResourceSpans> fragments = e.getValue();
      int spans = Traces.spanCount(fragments);
      LiveTrace trace = live.get(id);
      if (trace == null) {
        if (limits.maxLiveTraces() > 0 && live.size() >= limits.maxLiveTraces()) {
          refused.merge(RefusalReason.LIVE_TRACES_EXCEEDED, spans, Integer::sum);
          messages.putIfAbsent(
              RefusalReason.LIVE_TRACES_EXCEEDED,
              "LIVE_TRACES_EXCEEDED: max live traces per tenant exceeded: tenant "
                  + tenant
                  + " already holds "
                  + live.size()
                  + " live traces (max_traces_per_user: "
                  + limits.maxLiveTraces()
                  + ")");
          continue;
        }
        trace = new LiveTrace();
      }
      List<ResourceSpans> fresh = new ArrayList<>(fragments.size());
      long bytes = 0;
      Set<SpanKey> keys = new HashSet<>();
      for (ResourceSpans rs : fragments) {
        ResourceSpans kept = withoutDuplicates(rs, trace.keys, keys);
        if (kept != null) {
          fresh.add(kept);
          bytes += kept.getSerializedSize();
        }
      }
      if (limits.maxBytesPerTrace() > 0 && trace.bytes + bytes > limits.maxBytesPerTrace()) {
        refused.merge(RefusalReason.TRACE_TOO_LARGE, spans, Integer::sum);
        messages.putIfAbsent(
            RefusalReason.TRACE_TOO_LARGE,
            "TRACE_TOO_LARGE: max size of trace ("
                + limits.maxBytesPerTrace()
                + " bytes) exceeded while adding "
                + bytes
                + " bytes to trace "
                + id
                + " for tenant "
                + tenant);
        continue;
      }
      if (!fresh.isEmpty()) {
        trace.fragments.addAll(fresh);
        trace.keys.addAll(keys);
        trace.bytes += bytes;
      }
      trace.lastAppendMillis = nowMillis;
      live.putIfAbsent(id, trace);
      accepted += spans;
    }
    return new PushResult(accepted, refused, messages);
  }

  /** Returns {@code rs} without the spans already in {@code held} or {@code added}; null if none is left. */
  private static @Nullable ResourceSpans withoutDuplicates(
      ResourceSpans rs, Set<SpanKey> held, Set<SpanKey> added) {
    boolean dropped = false;
    List<ScopeSpans> scopes = new ArrayList<>(rs.getScopeSpansCount());
    for (ScopeSpans ss : rs.getScopeSpansList()) {
      List<Span> kept = new ArrayList<>(ss.getSpansCount());
      for (Span span : ss.getSpansList()) {
        SpanKey key = new SpanKey(span.getSpanId(), span.getKindValue());
        if (!held.contains(key) && added.add(key)) {
          kept.add(span);
        } else {
          dropped = true;
        }
      }
      if (kept.size() == ss.getSpansCount()) {
        scopes.add(ss);
      } else if (!kept.isEmpty()) {
        scopes.add(ss.toBuilder().clearSpans().addAllSpans(kept).build());
      }
    }
    if (!dropped) {
      return rs;
    }
    if (scopes.isEmpty()) {
      return null;
    }
    return rs.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build();
  }

  synchronized TraceLookup find(TraceId id) {
    List<ResourceSpans> fragments = new ArrayList<>();
    long bytes = 0;
    List<ResourceSpans> done = completed.get(id);
    if (done != null) {
      fragments.addAll(done);
    }
    LiveTrace trace = live.get(id);
    if (trace != null) {
      fragments.addAll(trace.fragments);
    }
    for (ResourceSpans rs : fragments) {
      bytes += rs.getSerializedSize();
    }
    return fragments.isEmpty() ? TraceLookup.EMPTY : new TraceLookup(fragments, bytes);
  }

  synchronized int cutIdle(long idleBeforeMillis) {
    int cut = 0;
    for (Iterator<Map.Entry<TraceId, LiveTrace>> it = live.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<TraceId, LiveTrace> e = it.next();
      if (e.getValue().lastAppendMillis <= idleBeforeMillis) {
        completed.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue().fragments);
        it.remove();
        cut++;
      }
    }
    return cut;
  }

  synchronized int liveCount() {
    return live.size();
  }

  synchronized int completedCount() {
    return completed.size();
  }

  private static final class LiveTrace {
    final List<ResourceSpans> fragments = new ArrayList<>();
    final Set<SpanKey> keys = new HashSet<>();
    long bytes;
    long lastAppendMillis;
  }

  private record SpanKey(ByteString spanId, int kind) {}
}
