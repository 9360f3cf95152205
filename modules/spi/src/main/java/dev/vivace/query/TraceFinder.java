package dev.vivace.query;

import dev.vivace.trace.TraceId;

/**
 * Finds the stored fragments of a trace. Every tier (live traces, traces being flushed, blocks in
 * the object store) implements it, and the query API asks them all and combines the answers.
 *
 * <p>Calls may block on I/O and must not run on an event loop. A lookup is idempotent: a retry
 * returns the same fragments or, if data moved between tiers meanwhile, a superset after
 * combination.
 */
public interface TraceFinder {

  /**
   * Returns the fragments of {@code traceId} held for {@code tenant}; {@link TraceLookup#EMPTY}
   * when there are none. {@code range} lets a tier skip data that cannot overlap it; tiers holding
   * recent data may ignore it, as Tempo's ingesters do.
   *
   * <p>When part of the tier cannot be read (a corrupt block, an object store that fails), the tier
   * returns what it found with the {@linkplain TraceLookup#failures() failures} rather than
   * throwing, so that the other tiers still answer.
   */
  TraceLookup find(String tenant, TraceId traceId, TimeRange range);
}
