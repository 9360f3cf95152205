package dev.vivace.ingester;

import com.google.protobuf.ByteString;
import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.RefusalReason;
import dev.vivace.query.TraceLookup;
import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The traces of one tenant in their three in-memory stages: live (still receiving spans, counted
 * against the limits), head (idle, waiting to be cut into a block) and flushing (in a block being
 * written). Every stage answers lookups, so a trace is never invisible while it moves. All methods
 * lock this instance.
 */
final class TenantTraces {

  private final String tenant;
  private final Map<TraceId, StoredTrace> live = new HashMap<>();
  private final Map<TraceId, StoredTrace> head = new HashMap<>();
  private long headBytes;
  private long headStartMillis = -1;
  private final Map<UUID, Map<TraceId, StoredTrace>> flushing = new LinkedHashMap<>();

  TenantTraces(String tenant) {
    this.tenant = tenant;
  }

  synchronized PushReceipt push(
      Map<TraceId, List<ResourceSpans>> byTrace,
      IngestLimits limits,
      long nowMillis,
      long walSegment,
      boolean enforceLimits) {
    int accepted = 0;
    Map<RefusalReason, Integer> refused = new EnumMap<>(RefusalReason.class);
    Map<RefusalReason, String> messages = new EnumMap<>(RefusalReason.class);
    Map<TraceId, Added> added = new LinkedHashMap<>();
    for (Map.Entry<TraceId, List<ResourceSpans>> e : byTrace.entrySet()) {
      TraceId id = e.getKey();
      List<ResourceSpans> fragments = e.getValue();
      int spans = Traces.spanCount(fragments);
      StoredTrace trace = live.get(id);
      boolean created = trace == null;
      if (trace == null) {
        if (enforceLimits && limits.maxLiveTraces() > 0 && live.size() >= limits.maxLiveTraces()) {
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
        trace = new StoredTrace(walSegment);
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
      if (enforceLimits
          && limits.maxBytesPerTrace() > 0
          && trace.bytes + bytes > limits.maxBytesPerTrace()) {
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
      trace.fragments.addAll(fresh);
      trace.keys.addAll(keys);
      trace.bytes += bytes;
      trace.lastAppendMillis = nowMillis;
      trace.minSegment = Math.min(trace.minSegment, walSegment);
      if (created) {
        live.put(id, trace);
      }
      if (!fresh.isEmpty()) {
        added.put(id, new Added(fresh, keys, bytes, created));
      }
      accepted += spans;
    }
    return new PushReceipt(tenant, new PushResult(accepted, refused, messages), added);
  }

  /**
   * Takes back what {@code receipt} added, wherever the trace is now.
   *
   * @return the bytes taken back
   */
  synchronized long rollback(PushReceipt receipt) {
    long removed = 0;
    for (Map.Entry<TraceId, Added> e : receipt.added.entrySet()) {
      TraceId id = e.getKey();
      Added a = e.getValue();
      StoredTrace trace = live.get(id);
      if (trace != null && trace.remove(a)) {
        removed += a.bytes();
        // Whichever push created the trace, a trace left without spans holds nothing: it must
        // not take a slot of max_traces_per_user, nor go into a block as an empty trace.
        if (trace.fragments.isEmpty()) {
          live.remove(id);
        }
        continue;
      }
      trace = head.get(id);
      if (trace != null && trace.remove(a)) {
        removed += a.bytes();
        headBytes -= a.bytes();
        if (trace.fragments.isEmpty()) {
          head.remove(id);
        }
        if (head.isEmpty()) {
          // The next head block is timed from its own first trace.
          headStartMillis = -1;
        }
      }
      // Already in a block being written: the spans stay; readers drop duplicates if resent.
    }
    return removed;
  }

  /**
   * Returns {@code rs} without spans already in {@code held} or {@code added}; null if none is
   * left.
   */
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
    return scopes.isEmpty()
        ? null
        : rs.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build();
  }

  synchronized TraceLookup find(TraceId id) {
    List<ResourceSpans> fragments = new ArrayList<>();
    for (Map<TraceId, StoredTrace> block : flushing.values()) {
      addFragments(block.get(id), fragments);
    }
    addFragments(head.get(id), fragments);
    addFragments(live.get(id), fragments);
    if (fragments.isEmpty()) {
      return TraceLookup.EMPTY;
    }
    long bytes = 0;
    for (ResourceSpans rs : fragments) {
      bytes += rs.getSerializedSize();
    }
    return new TraceLookup(fragments, bytes);
  }

  /**
   * Every trace held, once, with its fragments from every stage: live traces first, then those of
   * the head block, then those of blocks being written, newest block first. Only references are
   * copied while the lock is held; nothing is decoded or merged.
   */
  synchronized List<HeldTrace> snapshot() {
    // Each trace's stages, newest first.
    Map<TraceId, List<StoredTrace>> stages = new LinkedHashMap<>();
    live.forEach((id, t) -> stages.computeIfAbsent(id, k -> new ArrayList<>(1)).add(t));
    head.forEach((id, t) -> stages.computeIfAbsent(id, k -> new ArrayList<>(1)).add(t));
    List<Map<TraceId, StoredTrace>> blocks = new ArrayList<>(flushing.values());
    for (int i = blocks.size() - 1; i >= 0; i--) {
      blocks.get(i).forEach((id, t) -> stages.computeIfAbsent(id, k -> new ArrayList<>(1)).add(t));
    }
    List<HeldTrace> out = new ArrayList<>(stages.size());
    stages.forEach(
        (id, held) -> {
          List<ResourceSpans> fragments = new ArrayList<>();
          long bytes = 0;
          // Oldest stage first, as find() returns them: the first copy of a span wins.
          for (int i = held.size() - 1; i >= 0; i--) {
            fragments.addAll(held.get(i).fragments);
            bytes += held.get(i).bytes;
          }
          out.add(new HeldTrace(id, fragments, bytes));
        });
    return out;
  }

  private static void addFragments(@Nullable StoredTrace trace, List<ResourceSpans> out) {
    if (trace != null) {
      out.addAll(trace.fragments);
    }
  }

  /** Moves live traces idle since {@code idleBeforeMillis} to the head block. */
  synchronized int cutIdle(long idleBeforeMillis, long nowMillis) {
    int cut = 0;
    for (Iterator<Map.Entry<TraceId, StoredTrace>> it = live.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<TraceId, StoredTrace> e = it.next();
      StoredTrace trace = e.getValue();
      if (trace.lastAppendMillis <= idleBeforeMillis) {
        it.remove();
        trace.keys.clear();
        StoredTrace earlier = head.get(e.getKey());
        if (earlier == null) {
          head.put(e.getKey(), trace);
        } else {
          earlier.fragments.addAll(trace.fragments);
          earlier.bytes += trace.bytes;
          earlier.minSegment = Math.min(earlier.minSegment, trace.minSegment);
        }
        headBytes += trace.bytes;
        if (headStartMillis < 0) {
          headStartMillis = nowMillis;
        }
        cut++;
      }
    }
    return cut;
  }

  /**
   * Cuts the head block when it is old or large enough, or when {@code force}; its traces stay
   * findable until {@link #flushed}.
   */
  synchronized @Nullable HeadBlock cutBlock(
      long nowMillis, long maxAgeMillis, long maxBytes, boolean force) {
    if (head.isEmpty()) {
      return null;
    }
    if (!force && nowMillis - headStartMillis < maxAgeMillis && headBytes < maxBytes) {
      return null;
    }
    Map<TraceId, StoredTrace> sorted = new TreeMap<>(head);
    UUID blockId = UUID.randomUUID();
    flushing.put(blockId, sorted);
    List<TraceFragments> traces = new ArrayList<>(sorted.size());
    sorted.forEach((id, t) -> traces.add(new TraceFragments(id, t.fragments)));
    HeadBlock block = new HeadBlock(tenant, blockId, traces, headBytes);
    head.clear();
    headBytes = 0;
    headStartMillis = -1;
    return block;
  }

  /** Forgets a written block; false if it is not (or no longer) being written. */
  synchronized boolean flushed(UUID blockId) {
    return flushing.remove(blockId) != null;
  }

  /** The lowest log segment any trace held here came from; {@code Long.MAX_VALUE} if none. */
  synchronized long lowestSegment() {
    long min = Long.MAX_VALUE;
    for (StoredTrace t : live.values()) {
      min = Math.min(min, t.minSegment);
    }
    for (StoredTrace t : head.values()) {
      min = Math.min(min, t.minSegment);
    }
    for (Map<TraceId, StoredTrace> block : flushing.values()) {
      for (StoredTrace t : block.values()) {
        min = Math.min(min, t.minSegment);
      }
    }
    return min;
  }

  synchronized int liveCount() {
    return live.size();
  }

  synchronized int headCount() {
    return head.size();
  }

  /** What one push added to one trace, so it can be taken back. */
  record Added(List<ResourceSpans> fragments, Set<SpanKey> keys, long bytes, boolean created) {}

  record SpanKey(ByteString spanId, int kind) {}

  private static final class StoredTrace {
    final List<ResourceSpans> fragments = new ArrayList<>();
    final Set<SpanKey> keys = new HashSet<>();
    long bytes;
    long lastAppendMillis;
    long minSegment;

    StoredTrace(long minSegment) {
      this.minSegment = minSegment;
    }

    /** Removes exactly the fragments of {@code a} (by identity); false if they are not here. */
    boolean remove(Added a) {
      Set<ResourceSpans> mine = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      mine.addAll(a.fragments());
      boolean removed = fragments.removeIf(mine::contains);
      if (removed) {
        keys.removeAll(a.keys());
        bytes -= a.bytes();
      }
      return removed;
    }
  }
}
