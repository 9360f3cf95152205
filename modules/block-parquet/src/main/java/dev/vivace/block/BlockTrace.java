package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;

/** One complete trace handed to a block writer: its ID and all of its spans. */
public record BlockTrace(TraceId traceId, List<ResourceSpans> batches) {

  /** Validates and copies. */
  public BlockTrace {
    requireNonNull(traceId, "traceId");
    batches = List.copyOf(requireNonNull(batches, "batches"));
  }
}
