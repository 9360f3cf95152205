package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.storage.s3.S3ObjectStore;
import dev.vivace.testing.s3.RecordedS3Request;
import dev.vivace.testing.s3.S3Emulator;
import dev.vivace.testing.s3.S3EmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code storage.trace.backend: s3} in process, against s3proxy behind the strict OSS-like front of
 * {@code vivace-testing-s3}, which verifies every SigV4 signature with a static test key.
 */
class S3BackendTest {

  static final String BUCKET = "traces";
  static final String ACCESS_KEY = "AKIDVIVACESERVERTEST";
  static final String SECRET_KEY = "vivace-server-static-secret-0123456789";
  static final S3Emulator emulator =
      S3Emulator.builder().staticCredentials(ACCESS_KEY, SECRET_KEY).bucket(BUCKET).build();

  @RegisterExtension static final S3EmulatorExtension s3 = new S3EmulatorExtension(emulator);

  @TempDir Path data;

  /**
   * {@code http://s3.emulator.test:<port>}, which this module's test JVM resolves to 127.0.0.1
   * (src/test/resources/hosts); path-style, so the bucket is in the path.
   */
  String endpoint() {
    return s3.endpoint().toString();
  }

  VivaceConfig config(String wal) {
    return VivaceConfig.defaults()
        .with(ConfigKeys.HTTP_LISTEN_PORT, 0)
        .with(ConfigKeys.OTLP_GRPC_ENDPOINT, "127.0.0.1:0")
        .with(ConfigKeys.OTLP_HTTP_ENDPOINT, "127.0.0.1:0")
        .with(ConfigKeys.WAL_PATH, data.resolve(wal).toString())
        .with(ConfigKeys.STORAGE_LOCAL_PATH, data.resolve("blocks").toString())
        .with(ConfigKeys.STORAGE_BACKEND, "s3")
        .with(ConfigKeys.S3_BUCKET, BUCKET)
        .with(ConfigKeys.S3_ENDPOINT, endpoint())
        .with(ConfigKeys.S3_FORCE_PATH_STYLE, true)
        .with(ConfigKeys.S3_PREFIX, "/vivace/")
        .with(ConfigKeys.S3_ACCESS_KEY, ACCESS_KEY)
        .with(ConfigKeys.S3_SECRET_KEY, SECRET_KEY);
  }

  /** Lists the emulated bucket from the outside, with the same static key. */
  static List<String> bucket(String endpoint, String prefix) {
    try (S3ObjectStore store =
        S3ObjectStore.builder(BUCKET)
            .endpoint(endpoint)
            .forcePathStyle(true)
            .accessKey(ACCESS_KEY)
            .secretKey(SECRET_KEY)
            .environment(Map.of())
            .build()) {
      return store.list(prefix);
    }
  }

  @Test
  void blocksGoToTheBucketUnderThePrefixAndAreReadBackAfterARestart() throws IOException {
    ListAppender<ILoggingEvent> logs = captureLogs();
    String traceId;
    VivaceServer server = VivaceServer.create(config("wal-1"), Map.of());
    try {
      assertThat(server.blockStorage()).isEqualTo("s3://traces/vivace at " + endpoint());
      server.start();
      traceId = PipelineServerTest.send(server, "to-s3");
      assertThat(
              BlockingWebClient.of("http://127.0.0.1:" + server.queryPort())
                  .execute(RequestHeaders.builder(HttpMethod.POST, "/flush").build())
                  .status()
                  .code())
          .isEqualTo(204);
    } finally {
      server.close();
    }

    List<String> keys = bucket(endpoint(), "");
    assertThat(keys)
        .isNotEmpty()
        .allSatisfy(k -> assertThat(k).startsWith("vivace/single-tenant/"));
    String block = keys.get(0).split("/")[2];
    assertThat(keys)
        .contains(
            "vivace/single-tenant/" + block + "/meta.json",
            "vivace/single-tenant/" + block + "/data.parquet");
    assertThat(data.resolve("blocks")).as("nothing on the local backend").doesNotExist();

    // A new write-ahead log directory: only the bucket can answer.
    VivaceServer again = VivaceServer.create(config("wal-2"), Map.of());
    try {
      again.start();
      assertThat(PipelineServerTest.spans(again, traceId)).isEqualTo(2);
    } finally {
      again.close();
      stopCapture(logs);
    }

    assertThat(emulator.requests())
        .extracting(RecordedS3Request::accessKeyId)
        .containsOnly(ACCESS_KEY);
    String logged =
        logs.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .collect(Collectors.joining("\n"));
    assertThat(logged)
        .contains(
            "S3 object store for bucket traces uses credentials from access_key/secret_key"
                + " from the configuration")
        .doesNotContain(SECRET_KEY);
  }

  @Test
  void s3WithoutABucketIsAConfigError() {
    VivaceConfig config = config("wal").with(ConfigKeys.S3_BUCKET, "");
    assertThatThrownBy(() -> VivaceServer.create(config, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid configuration:\n"
                + "  storage.trace.s3.bucket: (empty) (expected: a bucket name when"
                + " storage.trace.backend is s3)");
  }

  @Test
  void settingsThatCannotWorkTogetherAreConfigErrorsWithoutCredentials() {
    assertThatThrownBy(
            () -> VivaceServer.create(config("wal").with(ConfigKeys.S3_ACCESS_KEY, ""), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid configuration:\n  storage.trace.s3.access_key and secret_key: only one"
                + " is set (expected: both or neither)")
        .hasMessageNotContaining(SECRET_KEY);
    assertThatThrownBy(
            () ->
                VivaceServer.create(
                    config("wal").with(ConfigKeys.S3_ENDPOINT, "").with(ConfigKeys.S3_REGION, ""),
                    Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid configuration:\n  storage.trace.s3.region: \"\" (expected: a region when"
                + " endpoint is empty)");
    // No keys in the configuration: the chain decides, and a partial RRSA set names what is
    // missing.
    VivaceConfig noKeys =
        config("wal").with(ConfigKeys.S3_ACCESS_KEY, "").with(ConfigKeys.S3_SECRET_KEY, "");
    assertThatThrownBy(
            () ->
                VivaceServer.create(
                    noKeys, Map.of("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/writer")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid configuration:\n  ")
        .hasMessageContaining("ALIBABA_CLOUD_OIDC_PROVIDER_ARN")
        .hasMessageContaining("ALIBABA_CLOUD_OIDC_TOKEN_FILE");
    assertThat(Files.exists(data.resolve("wal"))).as("nothing was created").isFalse();
  }

  static ListAppender<ILoggingEvent> captureLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
    return appender;
  }

  static void stopCapture(ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    appender.stop();
  }
}
