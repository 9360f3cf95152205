package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.TraceId;
import java.util.List;
import java.util.UUID;

/**
 * A block cut from a tenant's idle traces, waiting to be written. Its traces stay in the head block
 * file on disk; {@link #traces()} streams them from there in trace ID order.
 */
public final class HeadBlock {

  private final String tenant;
  private final HeadFile file;
  private final List<TraceId> sortedIds;
  private final long bytes;

  HeadBlock(String tenant, HeadFile file) {
    this.tenant = requireNonNull(tenant, "tenant");
    this.file = requireNonNull(file, "file");
    this.sortedIds = file.sortedIds();
    this.bytes = file.bytes();
  }

  /** The tenant whose traces these are. */
  public String tenant() {
    return tenant;
  }

  /** The ID the block is written under. */
  public UUID blockId() {
    return file.blockId();
  }

  /** The number of traces. */
  public int traceCount() {
    return sortedIds.size();
  }

  /** The bytes the block's records take in its head block file. */
  public long bytes() {
    return bytes;
  }

  /**
   * The traces sorted by ID, each with its fragments as stored (not yet combined), read from disk
   * one trace at a time as the iteration goes; each call iterates anew. Readable until the store is
   * told the block was {@linkplain LiveTraceStore#flushed flushed}.
   *
   * @throws dev.vivace.storage.StorageException (from the iterator) if the file cannot be read
   */
  public Iterable<TraceFragments> traces() {
    return file.traces(sortedIds);
  }

  @Override
  public String toString() {
    return "HeadBlock{" + tenant + "/" + blockId() + ", traces=" + sortedIds.size() + "}";
  }
}
