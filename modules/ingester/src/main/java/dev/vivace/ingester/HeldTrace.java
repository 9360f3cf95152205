package dev.vivace.ingester;

import dev.vivace.trace.TraceCombiner;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;

/**
 * A trace as a tenant held it at one moment, in all its in-memory stages: its fragments, oldest
 * stage first (blocks being written, then the head block, then the live trace), and the encoded
 * bytes they take. The list is a copy made under the tenant's lock; the fragments are immutable.
 */
record HeldTrace(TraceId traceId, List<ResourceSpans> fragments, long bytes) {

  /**
   * The fragments merged into one copy of each span, as Tempo combines a trace: a span resent after
   * its trace moved on to another stage is held twice. Span IDs stay as stored, as blocks store
   * them.
   */
  List<ResourceSpans> combined() {
    return fragments.size() == 1 ? fragments : TraceCombiner.merge(fragments);
  }
}
