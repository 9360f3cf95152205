package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.tempopb.Trace;
import dev.vivace.trace.TraceCombiner;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.function.ToLongFunction;

/** Finds a trace in every tier and tenant, and combines the fragments. Blocking. */
final class TraceQueries {

  /** A combined trace and what it took to find it. */
  record Found(Trace trace, long inspectedBytes, long maxBytes) {

    boolean isEmpty() {
      return trace.getResourceSpansCount() == 0;
    }

    boolean isTooLarge() {
      return maxBytes > 0 && trace.getSerializedSize() > maxBytes;
    }
  }

  private final List<TraceFinder> finders;
  private final ToLongFunction<String> maxBytesPerTrace;

  TraceQueries(List<TraceFinder> finders, ToLongFunction<String> maxBytesPerTrace) {
    this.finders = List.copyOf(requireNonNull(finders, "finders"));
    this.maxBytesPerTrace = requireNonNull(maxBytesPerTrace, "maxBytesPerTrace");
  }

  Found find(List<String> tenants, TraceId id, TimeRange range) {
    TraceLookup all = TraceLookup.EMPTY;
    for (String tenant : tenants) {
      for (TraceFinder finder : finders) {
        all = all.plus(finder.find(tenant, id, range));
      }
    }
    Trace trace =
        Trace.newBuilder().addAllResourceSpans(TraceCombiner.combine(all.fragments())).build();
    return new Found(trace, all.inspectedBytes(), maxBytesPerTrace.applyAsLong(tenants.get(0)));
  }

  /**
   * Returns the first spans of {@code trace} that fit in {@code maxBytes} when encoded. Each
   * length-delimited field is charged its tag and the longest length prefix, so the result never
   * exceeds the limit.
   */
  static Trace truncate(Trace trace, long maxBytes) {
    Trace.Builder out = Trace.newBuilder();
    long used = 0;
    boolean full = false;
    for (ResourceSpans rs : trace.getResourceSpansList()) {
      ResourceSpans.Builder rsb = rs.toBuilder().clearScopeSpans();
      long rsUsed = (long) rsb.build().getSerializedSize() + FIELD_OVERHEAD;
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        ScopeSpans.Builder ssb = ss.toBuilder().clearSpans();
        long ssUsed = (long) ssb.build().getSerializedSize() + FIELD_OVERHEAD;
        for (Span span : ss.getSpansList()) {
          long cost = (long) span.getSerializedSize() + FIELD_OVERHEAD;
          if (used + rsUsed + ssUsed + cost > maxBytes) {
            full = true;
            break;
          }
          ssb.addSpans(span);
          ssUsed += cost;
        }
        if (ssb.getSpansCount() > 0) {
          rsb.addScopeSpans(ssb);
          rsUsed += ssUsed;
        }
        if (full) {
          break;
        }
      }
      if (rsb.getScopeSpansCount() > 0) {
        out.addResourceSpans(rsb);
        used += rsUsed;
      }
      if (full) {
        break;
      }
    }
    return out.build();
  }

  /** A one-byte tag and a length prefix of up to five bytes. */
  private static final int FIELD_OVERHEAD = 6;
}
