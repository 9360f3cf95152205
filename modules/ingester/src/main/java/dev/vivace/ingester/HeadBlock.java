package dev.vivace.ingester;

import dev.vivace.trace.TraceFragments;
import java.util.List;
import java.util.UUID;

/** A block cut from a tenant's idle traces, sorted by trace ID, waiting to be written. */
public record HeadBlock(String tenant, UUID blockId, List<TraceFragments> traces, long bytes) {}
