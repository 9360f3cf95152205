package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tempo 3.0's backend_worker keys stand in for the compactor's. */
class BlockRetentionTest {

  static Duration blockRetention(VivaceConfig config) {
    return BlockRetention.aliased(
        config, ConfigKeys.BLOCK_RETENTION, ConfigKeys.BACKEND_WORKER_BLOCK_RETENTION);
  }

  @Test
  void theCompactorKeyWinsAndItsDefaultIsTempos() {
    VivaceConfig config = VivaceConfig.defaults();
    assertThat(blockRetention(config)).isEqualTo(Duration.ofHours(336));
    VivaceConfig set = config.with(ConfigKeys.BLOCK_RETENTION, Duration.ofHours(48));
    assertThat(blockRetention(set)).isEqualTo(Duration.ofHours(48));
  }

  @Test
  void theBackendWorkerKeyIsUsedWhenItIsTheOnlyOneSet() {
    VivaceConfig config =
        VivaceConfig.defaults()
            .with(ConfigKeys.BACKEND_WORKER_BLOCK_RETENTION, Duration.ofHours(2));
    assertThat(blockRetention(config)).isEqualTo(Duration.ofHours(2));
    VivaceConfig both = config.with(ConfigKeys.BLOCK_RETENTION, Duration.ofHours(2));
    assertThat(blockRetention(both)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void differentValuesForBothNamesAreAnError() {
    VivaceConfig config =
        VivaceConfig.defaults()
            .with(ConfigKeys.RETENTION_CONCURRENCY, 4)
            .with(ConfigKeys.BACKEND_WORKER_RETENTION_CONCURRENCY, 5);
    assertThatThrownBy(
            () ->
                BlockRetention.aliased(
                    config,
                    ConfigKeys.RETENTION_CONCURRENCY,
                    ConfigKeys.BACKEND_WORKER_RETENTION_CONCURRENCY))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid configuration:\n"
                + "  backend_worker.compaction.retention_concurrency: 5 (expected: the same as"
                + " compactor.compaction.retention_concurrency, 4, or unset)");
  }
}
