package dev.vivace.server;

import static java.util.Objects.requireNonNull;

import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.storage.s3.S3Config;
import dev.vivace.storage.s3.S3ObjectStore;
import dev.vivace.storage.s3.S3ObjectStoreBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The object store blocks go to, from {@code storage.trace.backend}: a thin mapping of the
 * configuration onto {@link LocalObjectStore} or {@link S3ObjectStoreBuilder}. Does no I/O.
 *
 * @param store the store, not yet used
 * @param localPath the directory of the local backend, or null for s3
 * @param description where blocks go, for the startup log line; never holds a credential
 */
record BlockStorage(ObjectStore store, @Nullable Path localPath, String description) {

  BlockStorage {
    requireNonNull(store, "store");
    requireNonNull(description, "description");
  }

  /**
   * Builds the store of {@code config}; {@code environment} is where the s3 credential chain looks
   * for AWS and Alibaba Cloud RRSA variables.
   *
   * @throws ConfigException when the settings of the backend cannot work together
   */
  static BlockStorage create(VivaceConfig config, Map<String, String> environment) {
    if (config.get(ConfigKeys.STORAGE_BACKEND).equals("s3")) {
      S3ObjectStore store = s3(config, environment);
      S3Config s3 = store.config();
      String endpoint = s3.endpoint().isEmpty() ? "AWS S3 in " + s3.region() : s3.endpoint();
      return new BlockStorage(
          store,
          null,
          "s3://"
              + s3.bucket()
              + (s3.prefix().isEmpty() ? "" : "/" + s3.prefix())
              + " at "
              + endpoint);
    }
    Path path = Path.of(config.get(ConfigKeys.STORAGE_LOCAL_PATH));
    return new BlockStorage(LocalObjectStore.of(path), path, path.toString());
  }

  private static S3ObjectStore s3(VivaceConfig config, Map<String, String> environment) {
    String bucket = config.get(ConfigKeys.S3_BUCKET);
    if (bucket.isEmpty()) {
      throw invalid(
          ConfigKeys.S3_BUCKET.path()
              + ": (empty) (expected: a bucket name when "
              + ConfigKeys.STORAGE_BACKEND.path()
              + " is s3)");
    }
    long partSize = config.get(ConfigKeys.S3_PART_SIZE);
    S3ObjectStoreBuilder builder =
        S3ObjectStore.builder(bucket)
            .prefix(config.get(ConfigKeys.S3_PREFIX))
            .endpoint(config.get(ConfigKeys.S3_ENDPOINT))
            .region(config.get(ConfigKeys.S3_REGION))
            .accessKey(config.get(ConfigKeys.S3_ACCESS_KEY))
            .secretKey(config.get(ConfigKeys.S3_SECRET_KEY))
            .sessionToken(config.get(ConfigKeys.S3_SESSION_TOKEN))
            .insecure(config.get(ConfigKeys.S3_INSECURE))
            .forcePathStyle(config.get(ConfigKeys.S3_FORCE_PATH_STYLE))
            .partSize(partSize == 0 ? S3ObjectStoreBuilder.DEFAULT_PART_SIZE : partSize)
            .connectTimeout(config.get(ConfigKeys.S3_CONNECT_TIMEOUT))
            .requestTimeout(config.get(ConfigKeys.S3_REQUEST_TIMEOUT))
            .apiCallTimeout(config.get(ConfigKeys.S3_API_CALL_TIMEOUT))
            .maxAttempts(config.get(ConfigKeys.S3_RETRY_MAX_ATTEMPTS))
            .environment(environment);
    try {
      builder.toConfig();
    } catch (IllegalArgumentException e) {
      // S3Config names the Tempo key ("endpoint: ...", "access_key and secret_key: ...").
      throw invalid("storage.trace.s3." + e.getMessage());
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The credential chain: a partial set of AWS or RRSA variables, or none at all.
      throw invalid(e.getMessage());
    }
  }

  private static ConfigException invalid(@Nullable String problem) {
    return new ConfigException("invalid configuration:\n  " + problem);
  }
}
