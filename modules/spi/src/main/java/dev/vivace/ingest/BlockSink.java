package dev.vivace.ingest;

import dev.vivace.trace.TraceFragments;
import java.util.List;
import java.util.UUID;

/**
 * Where complete traces leave memory: written as one block to the object store and made visible to
 * queries. Implemented by the block format module and wired by the server.
 */
public interface BlockSink {

  /**
   * Writes {@code traces}, sorted by trace ID, as block {@code blockId} of {@code tenant}. When
   * this returns, the block is durable (its {@code meta.json} written last) and queries find it.
   *
   * <p>Idempotent for a block ID: a retry after a failure or a lost answer rewrites the same block.
   *
   * @throws RuntimeException when the block could not be written; nothing is visible then
   */
  void write(String tenant, UUID blockId, List<TraceFragments> traces);
}
