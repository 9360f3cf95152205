package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.TraceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trace-by-ID over the blocks of the blocklist whose time range overlaps the query's: each
 * candidate's bloom filter, then its index, then only the row group that may hold the trace.
 */
public final class BlockTraceFinder implements TraceFinder {

  private static final Logger logger = LoggerFactory.getLogger(BlockTraceFinder.class);

  private final ObjectStore store;
  private final Blocklist blocklist;

  public BlockTraceFinder(ObjectStore store, Blocklist blocklist) {
    this.store = requireNonNull(store, "store");
    this.blocklist = requireNonNull(blocklist, "blocklist");
  }

  @Override
  public TraceLookup find(String tenant, TraceId traceId, TimeRange range) {
    TraceLookup all = TraceLookup.EMPTY;
    for (BlockMeta meta : blocklist.candidates(tenant, range)) {
      if (!meta.version().equals(VParquet4BlockReader.VERSION)) {
        continue;
      }
      try {
        all = all.plus(VParquet4BlockReader.of(store, meta).find(traceId));
      } catch (ObjectNotFoundException e) {
        // Compacted or deleted since the last poll.
        logger.debug("Block {}/{} is gone: {}", tenant, meta.blockId(), e.getMessage());
      }
    }
    return all;
  }
}
