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

  /** How many failures a partial answer names; the rest are counted. */
  static final int NAMED_FAILURES = 3;

  /**
   * A combined trace, what it took to find it, and what could not be searched (see {@link
   * TraceLookup#failures()}).
   */
  record Found(Trace trace, long inspectedBytes, long maxBytes, List<String> failures) {

    Found {
      failures = List.copyOf(failures);
    }

    /** Returns true when some data could not be searched, so spans may be missing. */
    boolean isPartial() {
      return !failures.isEmpty();
    }

    /**
     * Returns what could not be searched, for clients: the first {@value #NAMED_FAILURES} failures,
     * and how many more there were.
     */
    String describeFailures() {
      return TraceQueries.describeFailures(failures);
    }

    boolean isEmpty() {
      return trace.getResourceSpansCount() == 0;
    }

    boolean isTooLarge() {
      return maxBytes > 0 && trace.getSerializedSize() > maxBytes;
    }
  }

  /**
   * Returns what could not be searched, for clients: the first {@value #NAMED_FAILURES} of {@code
   * failures}, and how many more there were.
   */
  static String describeFailures(List<String> failures) {
    String named =
        String.join("; ", failures.subList(0, Math.min(NAMED_FAILURES, failures.size())));
    int more = failures.size() - NAMED_FAILURES;
    return more > 0 ? named + "; and " + more + " more" : named;
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
    return new Found(
        trace, all.inspectedBytes(), maxBytesPerTrace.applyAsLong(tenants.get(0)), all.failures());
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
