package dev.vivace.server;

import dev.vivace.block.lifecycle.Retention;
import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKey;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Builds the block retention from the configuration, with Tempo 3.0's key names as aliases. */
final class BlockRetention {

  /**
   * Returns the retention of the blocks in {@code store}.
   *
   * @throws ConfigException when a key and its Tempo 3.0 alias are both set, to different values
   */
  static Retention create(VivaceConfig config, ObjectStore store, Clock clock) {
    Duration tenantRetention = config.get(ConfigKeys.TENANT_BLOCK_RETENTION);
    Optional<Duration> perTenant =
        tenantRetention.isZero() ? Optional.empty() : Optional.of(tenantRetention);
    return Retention.builder(store)
        .clock(clock)
        .blockRetention(
            aliased(config, ConfigKeys.BLOCK_RETENTION, ConfigKeys.BACKEND_WORKER_BLOCK_RETENTION))
        .compactedBlockRetention(
            aliased(
                config,
                ConfigKeys.COMPACTED_BLOCK_RETENTION,
                ConfigKeys.BACKEND_WORKER_COMPACTED_BLOCK_RETENTION))
        .concurrency(
            aliased(
                config,
                ConfigKeys.RETENTION_CONCURRENCY,
                ConfigKeys.BACKEND_WORKER_RETENTION_CONCURRENCY))
        .tenantBlockRetention(tenant -> perTenant)
        .build();
  }

  /** The value of {@code key}, or of {@code alias} when only that is set. */
  static <T> T aliased(VivaceConfig config, ConfigKey<T> key, ConfigKey<T> alias) {
    T value = config.get(key);
    if (!config.isSet(alias)) {
      return value;
    }
    T aliasValue = config.get(alias);
    if (config.isSet(key) && !Objects.equals(value, aliasValue)) {
      throw new ConfigException(
          "invalid configuration:\n  "
              + alias.path()
              + ": "
              + aliasValue
              + " (expected: the same as "
              + key.path()
              + ", "
              + value
              + ", or unset)");
    }
    return aliasValue;
  }

  private BlockRetention() {}
}
