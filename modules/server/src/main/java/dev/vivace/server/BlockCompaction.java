package dev.vivace.server;

import static dev.vivace.server.BlockRetention.aliased;

import dev.vivace.block.lifecycle.Compactor;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Builds the block compaction from the configuration, with Tempo 3.0's key names as aliases. */
final class BlockCompaction {

  /**
   * Returns the compaction of the blocks in {@code store}, or null when this process does not
   * compact: only a process that builds the tenant index compacts, as Tempo's compactors do, so
   * that one running beside Tempo's compactor (reading the index it writes) leaves compaction to
   * it.
   *
   * @throws ConfigException when a key and its Tempo 3.0 alias are both set, to different values
   */
  static @Nullable Compactor create(
      VivaceConfig config, ObjectStore store, VParquet4BlockWriter writer, Clock clock) {
    if (config.get(ConfigKeys.BLOCKLIST_POLL_TENANT_INDEX_BUILDERS) <= 0) {
      return null;
    }
    return Compactor.builder(store)
        .clock(clock)
        .writer(writer)
        .compactionWindow(
            aliased(
                config, ConfigKeys.COMPACTION_WINDOW, ConfigKeys.BACKEND_WORKER_COMPACTION_WINDOW))
        .maxCompactionObjects(
            aliased(
                config,
                ConfigKeys.MAX_COMPACTION_OBJECTS,
                ConfigKeys.BACKEND_WORKER_MAX_COMPACTION_OBJECTS))
        .maxBlockBytes(
            aliased(
                config,
                ConfigKeys.COMPACTION_MAX_BLOCK_BYTES,
                ConfigKeys.BACKEND_WORKER_COMPACTION_MAX_BLOCK_BYTES))
        .maxTimePerTenant(
            aliased(
                config,
                ConfigKeys.MAX_TIME_PER_TENANT,
                ConfigKeys.BACKEND_WORKER_MAX_TIME_PER_TENANT))
        .maxBytesPerTrace(config.get(ConfigKeys.MAX_BYTES_PER_TRACE))
        .build();
  }

  /** How long to wait between compaction runs. */
  static Duration cycle(VivaceConfig config) {
    return aliased(config, ConfigKeys.COMPACTION_CYCLE, ConfigKeys.BACKEND_WORKER_COMPACTION_CYCLE);
  }

  private BlockCompaction() {}
}
