package dev.vivace.ingest;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;

/**
 * Takes the spans that ingest has accepted from clients and validated. Today the in-memory live
 * store implements it; the write-ahead log and a partitioned ingest log implement it later.
 *
 * <p>A push is not idempotent as such, but pushing the same spans again is harmless while their
 * trace is still held: duplicates (same span ID and kind) are dropped, so exporters may retry.
 */
public interface TraceSink {

  /**
   * Stores the spans of {@code batches} for {@code tenant}. Spans with a trace ID or span ID of the
   * wrong length must have been refused by the caller.
   *
   * @return how many spans were accepted and which were refused, and why
   */
  PushResult push(String tenant, List<ResourceSpans> batches);
}
