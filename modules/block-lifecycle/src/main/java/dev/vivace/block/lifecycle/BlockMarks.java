package dev.vivace.block.lifecycle;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.CompactedBlockMeta;
import dev.vivace.storage.ObjectStore;
import java.time.Instant;

/** Marking a block compacted, as retention and compaction both do it (spec §1.4). */
final class BlockMarks {

  /**
   * Writes the block's {@code meta.compacted.json} (its meta with {@code compactedTime} first),
   * then deletes its {@code meta.json}. A block found with both is compacted: pollers let the
   * compacted meta decide. Safe to retry.
   */
  static void markCompacted(ObjectStore store, BlockMeta meta, Instant now) {
    String dir = meta.tenantId() + "/" + meta.blockId() + "/";
    store.put(
        dir + BlockMetaJson.COMPACTED_META_OBJECT,
        BlockMetaJson.toJson(new CompactedBlockMeta(meta, now)));
    store.delete(dir + BlockMetaJson.META_OBJECT);
  }

  private BlockMarks() {}
}
