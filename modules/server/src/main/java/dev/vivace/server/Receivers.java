package dev.vivace.server;

import dev.vivace.server.config.ConfigKey;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import org.jspecify.annotations.Nullable;

/**
 * Which OTLP receivers run and where, by Tempo's rules: with no {@code distributor.receivers}
 * section both run on their default endpoints; with one, only the protocols it lists run, and a
 * protocol listed without an endpoint listens on localhost.
 */
record Receivers(@Nullable String grpcEndpoint, @Nullable String httpEndpoint) {

  static Receivers of(VivaceConfig config) {
    boolean configured = config.hasSection("distributor.receivers");
    return new Receivers(
        endpoint(config, configured, "grpc", ConfigKeys.OTLP_GRPC_ENDPOINT, "localhost:4317"),
        endpoint(config, configured, "http", ConfigKeys.OTLP_HTTP_ENDPOINT, "localhost:4318"));
  }

  private static @Nullable String endpoint(
      VivaceConfig config,
      boolean configured,
      String protocol,
      ConfigKey<String> key,
      String listedWithoutEndpoint) {
    if (config.isSet(key)) {
      return config.get(key);
    }
    if (!configured) {
      return key.defaultValue();
    }
    if (config.hasSection("distributor.receivers.otlp.protocols." + protocol)) {
      return listedWithoutEndpoint;
    }
    return null;
  }
}
