package dev.vivace.ingest;

import dev.vivace.trace.TraceFragments;
import java.util.UUID;

/**
 * Where complete traces leave the ingester: written as one block to the object store and made
 * visible to queries. Implemented by the block format module and wired by the server.
 */
public interface BlockSink {

  /**
   * Writes {@code traces}, sorted by trace ID, as block {@code blockId} of {@code tenant}. When
   * this returns, the block is durable (its {@code meta.json} written last) and queries find it.
   *
   * <p>{@code traces} may be read from disk as it is iterated: iterate it once per attempt, and
   * keep no more of it than the block being built needs.
   *
   * <p>Idempotent for a block ID: a retry after a failure or a lost answer rewrites the same block.
   *
   * @throws RuntimeException when the block could not be written; nothing is visible then
   */
  void write(String tenant, UUID blockId, Iterable<TraceFragments> traces);
}
