package dev.vivace.ingester;

import com.google.protobuf.ByteString;
import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.RefusalReason;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The traces of one tenant in their three stages: live (in memory, still receiving spans, counted
 * against the limits), head (idle, appended to the tenant's head block file, waiting to be cut into
 * a block) and flushing (in a block being written, still in its head block file). Every stage
 * answers lookups, so a trace is never invisible while it moves. Memory holds the live traces and
 * the index of each head block file. All methods lock this instance.
 */
final class TenantTraces {

  private final String tenant;
  private final Path dir;
  private final AtomicLong heldBytes;
  private final Map<TraceId, StoredTrace> live = new HashMap<>();
  private @Nullable HeadFile head;
  private long headStartMillis = -1;
  private @Nullable HeadFile spill;
  private @Nullable StorageException diskFailure;
  private final Map<UUID, HeadFile> flushing = new LinkedHashMap<>();
  private long pushes;

  /**
   * The traces of {@code tenant}, whose head block files go into {@code dir}; {@code heldBytes}
   * counts the bytes of the live traces, shared by all tenants.
   */
  TenantTraces(String tenant, Path dir, AtomicLong heldBytes) {
    this.tenant = tenant;
    this.dir = dir;
    this.heldBytes = heldBytes;
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
    long push = pushes++;
    long addedBytes = 0;
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
      trace.keys.addAll(keys);
      trace.bytes += bytes;
      addedBytes += bytes;
      trace.lastAppendMillis = nowMillis;
      trace.minSegment = Math.min(trace.minSegment, walSegment);
      if (created) {
        live.put(id, trace);
      }
      if (!fresh.isEmpty()) {
        Added a = new Added(push, fresh, keys, bytes, created);
        trace.parts.add(a);
        added.put(id, a);
      }
      accepted += spans;
    }
    heldBytes.addAndGet(addedBytes);
    return new PushReceipt(tenant, new PushResult(accepted, refused, messages), added);
  }

  /**
   * Takes back what {@code receipt} added, wherever the trace is now: from the live trace, or from
   * the head block's index (its bytes stay in the file, unread). Spans already in a block being
   * written stay; readers drop duplicates if they are resent.
   */
  synchronized void rollback(PushReceipt receipt) {
    for (Map.Entry<TraceId, Added> e : receipt.added.entrySet()) {
      TraceId id = e.getKey();
      Added a = e.getValue();
      StoredTrace trace = live.get(id);
      if (trace != null && trace.remove(a)) {
        heldBytes.addAndGet(-a.bytes());
        // Whichever push created the trace, a trace left without spans holds nothing: it must
        // not take a slot of max_traces_per_user, nor go into a block as an empty trace.
        if (trace.parts.isEmpty()) {
          live.remove(id);
        }
        continue;
      }
      HeadFile s = spill;
      if (s != null && s.remove(id, a.push())) {
        heldBytes.addAndGet(-a.bytes());
        continue;
      }
      HeadFile h = head;
      if (h != null && h.remove(id, a.push()) && h.isEmpty()) {
        // The next head block is timed from its own first trace.
        h.release();
        head = null;
        headStartMillis = -1;
      }
    }
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
    for (HeadFile block : flushing.values()) {
      fragments.addAll(block.read(id));
    }
    if (head != null) {
      fragments.addAll(head.read(id));
    }
    if (spill != null) {
      fragments.addAll(spill.read(id));
    }
    StoredTrace trace = live.get(id);
    if (trace != null) {
      fragments.addAll(trace.fragments());
    }
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
   * Every trace held, once, with its parts from every stage: live traces first, then those of the
   * head block, then those of blocks being written, newest block first. Only references and the
   * head block files' index entries are copied while the lock is held; nothing is read, decoded or
   * merged. The snapshot holds the files until it is closed.
   */
  synchronized HeldTrace.Snapshot snapshot() {
    // Oldest first: blocks being written in the order they were cut, then the head block.
    List<HeadFile> files = new ArrayList<>(flushing.size() + 1);
    List<HeadFile> candidates = new ArrayList<>(flushing.values());
    if (head != null) {
      candidates.add(head);
    }
    if (spill != null) {
      candidates.add(spill);
    }
    for (HeadFile f : candidates) {
      if (f.acquire()) {
        files.add(f);
      }
    }
    List<Map<TraceId, List<HeadFile.Fragment>>> indexes = new ArrayList<>(files.size());
    for (HeadFile f : files) {
      indexes.add(f.indexCopy());
    }
    Set<TraceId> order = new LinkedHashSet<>(live.keySet());
    for (int i = indexes.size() - 1; i >= 0; i--) {
      order.addAll(indexes.get(i).keySet());
    }
    List<HeldTrace> out = new ArrayList<>(order.size());
    for (TraceId id : order) {
      List<HeldTrace.OnDisk> onDisk = new ArrayList<>(1);
      long bytes = 0;
      for (int i = 0; i < files.size(); i++) {
        List<HeadFile.Fragment> fragments = indexes.get(i).get(id);
        if (fragments != null) {
          onDisk.add(new HeldTrace.OnDisk(files.get(i), fragments));
          for (HeadFile.Fragment f : fragments) {
            bytes += f.spanBytes();
          }
        }
      }
      StoredTrace trace = live.get(id);
      List<ResourceSpans> inMemory = List.of();
      if (trace != null) {
        inMemory = trace.fragments();
        bytes += trace.bytes;
      }
      out.add(new HeldTrace(id, onDisk, inMemory, bytes));
    }
    return new HeldTrace.Snapshot(out, files);
  }

  /**
   * Appends live traces idle since {@code idleBeforeMillis} to the head block file; they leave
   * memory. When the disk refuses the append, they go to a head block on the heap instead, which
   * the next {@link #cutBlock} cuts with the head block file, so that writing both frees the disk;
   * their bytes count as held until that block is written.
   *
   * @return how many traces were moved; negative (minus the count) if some went to the heap
   */
  synchronized int cutIdle(long idleBeforeMillis, long nowMillis) {
    int cut = 0;
    boolean toHeap = false;
    for (Iterator<Map.Entry<TraceId, StoredTrace>> it = live.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<TraceId, StoredTrace> e = it.next();
      StoredTrace trace = e.getValue();
      if (trace.lastAppendMillis > idleBeforeMillis) {
        continue;
      }
      boolean onHeap = false;
      if (!trace.parts.isEmpty()) {
        try {
          HeadFile h = head;
          if (h == null) {
            h = HeadFile.create(dir, UUID.randomUUID());
            head = h;
          }
          h.append(e.getKey(), trace.parts, trace.minSegment);
          if (headStartMillis < 0) {
            headStartMillis = nowMillis;
          }
        } catch (StorageException failed) {
          if (!toHeap) {
            diskFailure = failed;
          }
          HeadFile s = spill;
          if (s == null) {
            s = HeadFile.inMemory(UUID.randomUUID());
            spill = s;
          }
          s.append(e.getKey(), trace.parts, trace.minSegment);
          onHeap = true;
          toHeap = true;
        }
      }
      it.remove();
      if (!onHeap) {
        heldBytes.addAndGet(-trace.bytes);
      }
      cut++;
    }
    return toHeap ? -cut : cut;
  }

  /**
   * The failure of the head block file that sent traces to the heap since the last {@link
   * #cutBlock}; null if none.
   */
  synchronized @Nullable StorageException diskFailure() {
    return diskFailure;
  }

  /**
   * Cuts the head block when it is old or large enough (its bytes on disk), when {@code force}, or
   * when its file refused a write; and the head block on the heap, if any, always. Their traces
   * stay findable until {@link #flushed}.
   */
  synchronized List<HeadBlock> cutBlock(
      long nowMillis, long maxAgeMillis, long maxBytes, boolean force) {
    List<HeadBlock> blocks = new ArrayList<>(2);
    HeadFile h = head;
    boolean now = force || diskFailure != null;
    if (h != null
        && !h.isEmpty()
        && (now || nowMillis - headStartMillis >= maxAgeMillis || h.bytes() >= maxBytes)) {
      blocks.add(new HeadBlock(tenant, h));
      flushing.put(h.blockId(), h);
      head = null;
      headStartMillis = -1;
    }
    HeadFile s = spill;
    if (s != null && !s.isEmpty()) {
      blocks.add(new HeadBlock(tenant, s));
      flushing.put(s.blockId(), s);
      spill = null;
    }
    diskFailure = null;
    return blocks;
  }

  /**
   * Forgets a written block and deletes its file; false if it is not (or no longer) being written.
   */
  synchronized boolean flushed(UUID blockId) {
    HeadFile f = flushing.remove(blockId);
    if (f == null) {
      return false;
    }
    if (f.onHeap()) {
      heldBytes.addAndGet(-f.spanBytes());
    }
    f.release();
    return true;
  }

  /** The lowest log segment any trace held here came from; {@code Long.MAX_VALUE} if none. */
  synchronized long lowestSegment() {
    long min = Long.MAX_VALUE;
    for (StoredTrace t : live.values()) {
      min = Math.min(min, t.minSegment);
    }
    if (head != null) {
      min = Math.min(min, head.minSegment());
    }
    if (spill != null) {
      min = Math.min(min, spill.minSegment());
    }
    for (HeadFile f : flushing.values()) {
      min = Math.min(min, f.minSegment());
    }
    return min;
  }

  /** The head block files of this tenant: the head block's and those of blocks being written. */
  synchronized List<Path> files() {
    List<Path> files = new ArrayList<>(flushing.size() + 1);
    for (HeadFile f : flushing.values()) {
      Path p = f.path();
      if (p != null) {
        files.add(p);
      }
    }
    Path p = head == null ? null : head.path();
    if (p != null) {
      files.add(p);
    }
    return files;
  }

  synchronized int liveCount() {
    return live.size();
  }

  synchronized int headCount() {
    return head == null ? 0 : head.traceCount();
  }

  /** The bytes of the head block and of the blocks being written, in their files. */
  synchronized long diskBytes() {
    long bytes = head == null ? 0 : head.bytes();
    for (HeadFile f : flushing.values()) {
      if (!f.onHeap()) {
        bytes += f.bytes();
      }
    }
    return bytes;
  }

  /** What one push added to one trace, so it can be taken back; {@code push} numbers the push. */
  record Added(
      long push, List<ResourceSpans> fragments, Set<SpanKey> keys, long bytes, boolean created) {}

  record SpanKey(ByteString spanId, int kind) {}

  private static final class StoredTrace {
    final List<Added> parts = new ArrayList<>();
    final Set<SpanKey> keys = new HashSet<>();
    long bytes;
    long lastAppendMillis;
    long minSegment;

    StoredTrace(long minSegment) {
      this.minSegment = minSegment;
    }

    List<ResourceSpans> fragments() {
      if (parts.size() == 1) {
        return parts.get(0).fragments();
      }
      List<ResourceSpans> out = new ArrayList<>();
      for (Added a : parts) {
        out.addAll(a.fragments());
      }
      return out;
    }

    /** Removes exactly the part {@code a} (by its push: one part per push); false if not here. */
    boolean remove(Added a) {
      boolean removed = parts.removeIf(p -> p.push() == a.push());
      if (removed) {
        keys.removeAll(a.keys());
        bytes -= a.bytes();
      }
      return removed;
    }
  }
}
