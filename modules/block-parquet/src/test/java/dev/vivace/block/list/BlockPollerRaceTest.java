package dev.vivace.block.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polls racing with flushes: a block is visible from the moment it is added, whatever a poll does.
 */
class BlockPollerRaceTest {

  static final String TENANT = "race";

  @TempDir Path bucket;

  static BlockMeta meta(UUID id) {
    Instant now = Instant.parse("2026-12-03T00:00:00Z");
    return BlockMeta.newBlock(
        VParquet4BlockReader.VERSION,
        id,
        TENANT,
        now,
        now.plusSeconds(1),
        1,
        1,
        1,
        1,
        1,
        List.of());
  }

  @Test
  void aBlockAddedDuringAPollIsNeverDropped() throws Exception {
    ObjectStore store = LocalObjectStore.of(bucket);
    Blocklist blocklist = new Blocklist();
    BlockPoller poller = new BlockPoller(store, blocklist);
    AtomicBoolean stop = new AtomicBoolean();
    Set<UUID> added = ConcurrentHashMap.newKeySet();
    List<UUID> dropped = new CopyOnWriteArrayList<>();

    Thread polls =
        new Thread(
            () -> {
              while (!stop.get()) {
                poller.poll();
              }
            });
    Thread checks =
        new Thread(
            () -> {
              while (!stop.get()) {
                for (UUID id : added) {
                  if (blocklist.get(TENANT, id) == null) {
                    dropped.add(id);
                  }
                }
              }
            });
    polls.start();
    checks.start();
    try {
      long deadline = System.nanoTime() + 3_000_000_000L;
      for (int i = 0; i < 1_500 && System.nanoTime() < deadline && dropped.isEmpty(); i++) {
        UUID id = UUID.randomUUID();
        BlockMeta meta = meta(id);
        // As a flush does: meta.json last, then the blocklist.
        store.put(TENANT + "/" + id + "/" + BlockMetaJson.META_OBJECT, BlockMetaJson.toJson(meta));
        blocklist.add(meta);
        added.add(id);
      }
    } finally {
      stop.set(true);
      polls.join();
      checks.join();
    }
    assertThat(dropped).as("blocks that a concurrent poll dropped after they were added").isEmpty();
    poller.poll();
    assertThat(blocklist.size(TENANT)).isEqualTo(added.size());
  }

  @Test
  void replaceKeepsBlocksAddedAfterTheMarkUnlessCompacted() {
    Blocklist blocklist = new Blocklist();
    BlockMeta before = meta(UUID.randomUUID());
    blocklist.add(before);
    long mark = blocklist.mark();
    BlockMeta after = meta(UUID.randomUUID());
    BlockMeta compacted = meta(UUID.randomUUID());
    blocklist.add(after);
    blocklist.add(compacted);

    blocklist.replace(TENANT, List.of(), Set.of(compacted.blockId()), mark);

    assertThat(blocklist.get(TENANT, before.blockId()))
        .as("added before the listing started, and not listed")
        .isNull();
    assertThat(blocklist.get(TENANT, after.blockId())).isEqualTo(after);
    assertThat(blocklist.get(TENANT, compacted.blockId())).isNull();

    // The next poll's listing decides for the block added after the first mark.
    blocklist.replace(TENANT, List.of(), Set.of(), blocklist.mark());
    assertThat(blocklist.get(TENANT, after.blockId())).isNull();
  }
}
