package dev.vivace.server;

import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import java.nio.file.Path;

/** Configuration of an in-process server: ephemeral loopback ports, data under {@code data}. */
final class InProcess {

  static VivaceConfig config(Path data) {
    return VivaceConfig.defaults()
        .with(ConfigKeys.HTTP_LISTEN_PORT, 0)
        .with(ConfigKeys.OTLP_GRPC_ENDPOINT, "127.0.0.1:0")
        .with(ConfigKeys.OTLP_HTTP_ENDPOINT, "127.0.0.1:0")
        .with(ConfigKeys.WAL_PATH, data.resolve("wal").toString())
        .with(ConfigKeys.STORAGE_LOCAL_PATH, data.resolve("blocks").toString());
  }

  private InProcess() {}
}
