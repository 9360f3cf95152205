package dev.vivace.trace;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;

/** The stored fragments of one trace, not yet combined. */
public record TraceFragments(TraceId traceId, List<ResourceSpans> batches) {

  /** Copies the list. */
  public TraceFragments {
    requireNonNull(traceId, "traceId");
    batches = List.copyOf(requireNonNull(batches, "batches"));
  }
}
