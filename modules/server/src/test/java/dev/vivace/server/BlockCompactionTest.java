package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction runs where the tenant index is built, every compaction cycle. */
class BlockCompactionTest {

  @TempDir Path dir;

  @Test
  void aProcessThatBuildsTheTenantIndexCompacts() {
    ObjectStore store = LocalObjectStore.of(dir);
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(store).build();
    VivaceConfig config = VivaceConfig.defaults();
    assertThat(BlockCompaction.create(config, store, writer, Clock.systemUTC())).isNotNull();
    VivaceConfig reader = config.with(ConfigKeys.BLOCKLIST_POLL_TENANT_INDEX_BUILDERS, 0);
    assertThat(BlockCompaction.create(reader, store, writer, Clock.systemUTC())).isNull();
  }

  @Test
  void theCycleIsTemposByDefaultAndTheBackendWorkerNameIsAnAlias() {
    VivaceConfig config = VivaceConfig.defaults();
    assertThat(BlockCompaction.cycle(config)).isEqualTo(Duration.ofSeconds(30));
    VivaceConfig aliased =
        config.with(ConfigKeys.BACKEND_WORKER_COMPACTION_CYCLE, Duration.ofMinutes(1));
    assertThat(BlockCompaction.cycle(aliased)).isEqualTo(Duration.ofMinutes(1));
    VivaceConfig both = aliased.with(ConfigKeys.COMPACTION_CYCLE, Duration.ofMinutes(2));
    assertThatThrownBy(() -> BlockCompaction.cycle(both))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("backend_worker.compaction.compaction_cycle");
  }

  @Test
  void conflictingCompactionWindowsAreAnError() {
    ObjectStore store = LocalObjectStore.of(dir);
    VivaceConfig config =
        VivaceConfig.defaults()
            .with(ConfigKeys.COMPACTION_WINDOW, Duration.ofHours(1))
            .with(ConfigKeys.BACKEND_WORKER_COMPACTION_WINDOW, Duration.ofHours(2));
    assertThatThrownBy(
            () ->
                BlockCompaction.create(
                    config, store, VParquet4BlockWriter.builder(store).build(), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("compactor.compaction.compaction_window");
  }
}
