package dev.vivace.ingest;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable log accepted spans go through before a client hears "OK". The embedded write-ahead
 * log implements it today; a partitioned log (Kafka) can implement it later, with positions as
 * offsets.
 *
 * <p>Appends are not idempotent: appending the same spans twice stores them twice, and readers drop
 * the duplicates (same span ID and kind) when they combine a trace.
 */
public interface IngestLog extends AutoCloseable {

  /**
   * Appends the spans of one request. The future completes with the record's position once the
   * record is durable, or exceptionally when it cannot be made durable; then nothing may be
   * acknowledged to the client. Safe to call from many threads.
   */
  CompletableFuture<LogPosition> append(String tenant, List<ResourceSpans> batches);

  /**
   * Returns a position at or before which every later append will land. Holders of appended data
   * remember it to know which records they still need.
   */
  LogPosition head();

  /**
   * Hands every retained record to {@code consumer}, oldest first. Records that cannot be read are
   * skipped with a warning; a torn tail left by a crash is cut off.
   *
   * @return how many records were replayed
   */
  long replay(LogConsumer consumer);

  /**
   * Tells the log that records before {@code position} are no longer needed for recovery (their
   * spans are durable elsewhere). Idempotent; the log may keep them a while longer.
   */
  void release(LogPosition position);

  /** Receives replayed records. */
  @FunctionalInterface
  interface LogConsumer {
    /** Takes one record. */
    void accept(LogPosition position, String tenant, List<ResourceSpans> batches);
  }

  @Override
  void close();
}
