package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.ingest.BlockSink;
import dev.vivace.trace.TraceCombiner;
import dev.vivace.trace.TraceFragments;
import java.util.Iterator;
import java.util.UUID;

/**
 * Writes flushed traces as vParquet4 blocks, one trace in memory at a time, and puts them in the
 * blocklist at once.
 */
public final class VParquet4BlockSink implements BlockSink {

  private final VParquet4BlockWriter writer;
  private final Blocklist blocklist;

  public VParquet4BlockSink(VParquet4BlockWriter writer, Blocklist blocklist) {
    this.writer = requireNonNull(writer, "writer");
    this.blocklist = requireNonNull(blocklist, "blocklist");
  }

  @Override
  public void write(String tenant, UUID blockId, Iterable<TraceFragments> traces) {
    // One trace at a time, as the writer asks: the traces may be streamed from disk.
    Iterable<BlockTrace> rows =
        () ->
            new Iterator<>() {
              private final Iterator<TraceFragments> it = traces.iterator();

              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public BlockTrace next() {
                TraceFragments t = it.next();
                // A trace cut in several parts may repeat spans a client resent; store each span
                // once.
                return new BlockTrace(t.traceId(), TraceCombiner.merge(t.batches()));
              }
            };
    BlockMeta meta = writer.write(tenant, blockId, rows);
    blocklist.add(meta);
  }
}
