package dev.vivace.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.storage.s3.S3Config;
import dev.vivace.storage.s3.S3ObjectStoreBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  Path file(String yaml) throws IOException {
    return Files.writeString(dir.resolve("vivace.yaml"), yaml);
  }

  @Test
  void defaultsWithoutFile() {
    VivaceConfig config = ConfigLoader.load(null, false, Map.of());
    assertThat(config.get(ConfigKeys.HTTP_LISTEN_PORT)).isEqualTo(3200);
    assertThat(config.get(ConfigKeys.MULTITENANCY_ENABLED)).isFalse();
    assertThat(config.get(ConfigKeys.MAX_BYTES_PER_TRACE)).isEqualTo(5_000_000L);
    assertThat(config.get(ConfigKeys.MAX_BYTES_PER_TAG_VALUES_QUERY)).isEqualTo(1_000_000L);
    assertThat(config.get(ConfigKeys.TRACE_IDLE_PERIOD)).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void readsATempoFileAndIgnoresWhatIsNotImplementedWithAWarning() throws IOException {
    Path f =
        file(
            String.join(
                "\n",
                "stream_over_http_enabled: true",
                "server:",
                "  http_listen_port: 3300",
                "  log_level: debug",
                "distributor:",
                "  receivers:",
                "    otlp:",
                "      protocols:",
                "        grpc: { endpoint: \"0.0.0.0:4317\" }",
                "        http:",
                "compactor:",
                "  compaction:",
                "    block_retention: 48h",
                "    compaction_window: 2h",
                "  ring: { kvstore: { store: memberlist } }",
                "storage:",
                "  trace:",
                "    backend: local",
                "    wal: { path: /var/tempo/wal }",
                "    s3: { bucket: traces, sse: { type: SSE-S3 }, signature_v2: false }",
                "overrides:",
                "  defaults:",
                "    global: { max_bytes_per_trace: 1000 }",
                "ingester:",
                "  trace_idle_period: 1m30s",
                ""));
    VivaceConfig config = ConfigLoader.load(f, false, Map.of());
    assertThat(config.get(ConfigKeys.HTTP_LISTEN_PORT)).isEqualTo(3300);
    assertThat(config.get(ConfigKeys.LOG_LEVEL)).isEqualTo("debug");
    assertThat(config.get(ConfigKeys.MAX_BYTES_PER_TRACE)).isEqualTo(1000L);
    assertThat(config.get(ConfigKeys.TRACE_IDLE_PERIOD)).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.get(ConfigKeys.OTLP_GRPC_ENDPOINT)).isEqualTo("0.0.0.0:4317");
    assertThat(config.hasSection("distributor.receivers.otlp.protocols.http")).isTrue();
    assertThat(config.get(ConfigKeys.WAL_PATH)).isEqualTo("/var/tempo/wal");
    assertThat(config.get(ConfigKeys.STORAGE_BACKEND)).isEqualTo("local");
    assertThat(config.warnings())
        .containsExactlyInAnyOrder(
            "config key 'compactor.ring.kvstore.store' is a Tempo setting Vivace does not"
                + " implement yet; it is ignored",
            "config key 'storage.trace.s3.sse.type' is a Tempo setting Vivace does not implement"
                + " yet; it is ignored",
            "config key 'storage.trace.s3.signature_v2' is a Tempo setting Vivace does not"
                + " implement yet; it is ignored");
    assertThat(config.get(ConfigKeys.S3_BUCKET)).isEqualTo("traces");
    assertThat(config.get(ConfigKeys.BLOCK_RETENTION)).isEqualTo(Duration.ofHours(48));
    assertThat(config.get(ConfigKeys.COMPACTION_WINDOW)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void searchLimitsAsTempoNamesThemBesideTempoSettingsThatAreIgnored() throws IOException {
    Path f =
        file(
            String.join(
                "\n",
                "query_frontend:",
                "  max_query_expression_size_bytes: 10000",
                "  max_retries: 2",
                "  search:",
                "    default_result_limit: 50",
                "    max_result_limit: 500",
                "    max_duration: 24h",
                "    default_spans_per_span_set: 0",
                "    max_spans_per_span_set: 0",
                "    concurrent_jobs: 1000",
                "querier:",
                "  search:",
                "    query_timeout: 1m",
                "  max_concurrent_queries: 20",
                "overrides:",
                "  defaults:",
                "    read:",
                "      max_bytes_per_tag_values_query: 0",
                "      max_search_duration: 1h",
                ""));
    VivaceConfig config = ConfigLoader.load(f, false, Map.of());
    assertThat(config.get(ConfigKeys.MAX_QUERY_EXPRESSION_SIZE_BYTES)).isEqualTo(10000);
    assertThat(config.get(ConfigKeys.SEARCH_DEFAULT_RESULT_LIMIT)).isEqualTo(50);
    assertThat(config.get(ConfigKeys.SEARCH_MAX_RESULT_LIMIT)).isEqualTo(500);
    assertThat(config.get(ConfigKeys.SEARCH_MAX_DURATION)).isEqualTo(Duration.ofHours(24));
    assertThat(config.get(ConfigKeys.SEARCH_DEFAULT_SPANS_PER_SPAN_SET)).isZero();
    assertThat(config.get(ConfigKeys.SEARCH_MAX_SPANS_PER_SPAN_SET)).isZero();
    assertThat(config.get(ConfigKeys.SEARCH_QUERY_TIMEOUT)).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.get(ConfigKeys.MAX_BYTES_PER_TAG_VALUES_QUERY)).isZero();
    assertThat(config.warnings())
        .containsExactlyInAnyOrder(
            "config key 'overrides.defaults.read.max_search_duration' is a Tempo setting Vivace"
                + " does not implement yet; it is ignored",
            "config key 'query_frontend.max_retries' is a Tempo setting Vivace does not implement"
                + " yet; it is ignored",
            "config key 'query_frontend.search.concurrent_jobs' is a Tempo setting Vivace does not"
                + " implement yet; it is ignored",
            "config key 'querier.max_concurrent_queries' is a Tempo setting Vivace does not"
                + " implement yet; it is ignored");
  }

  @Test
  void s3KeysAsTempoNamesThemWithCredentialsNeverShown() throws IOException {
    Path f =
        file(
            String.join(
                "\n",
                "storage:",
                "  trace:",
                "    backend: s3",
                "    s3:",
                "      bucket: tempo-traces",
                "      endpoint: s3.oss-cn-hangzhou-internal.aliyuncs.com",
                "      region: cn-hangzhou",
                "      prefix: prod",
                "      access_key: AKID-IN-FILE",
                "      secret_key: secret-in-file",
                "      session_token: token-in-file",
                "      insecure: false",
                "      forcepathstyle: true",
                "      part_size: 10485760",
                "      retry_max_attempts: 10",
                "      connect_timeout: 2s",
                "      request_timeout: 30s",
                "      api_call_timeout: 1m",
                ""));
    VivaceConfig config =
        ConfigLoader.load(
            f, false, Map.of("VIVACE_STORAGE_TRACE_S3_SECRET_KEY", "secret-from-env"));
    assertThat(config.get(ConfigKeys.STORAGE_BACKEND)).isEqualTo("s3");
    assertThat(config.get(ConfigKeys.S3_BUCKET)).isEqualTo("tempo-traces");
    assertThat(config.get(ConfigKeys.S3_ENDPOINT))
        .isEqualTo("s3.oss-cn-hangzhou-internal.aliyuncs.com");
    assertThat(config.get(ConfigKeys.S3_REGION)).isEqualTo("cn-hangzhou");
    assertThat(config.get(ConfigKeys.S3_PREFIX)).isEqualTo("prod");
    assertThat(config.get(ConfigKeys.S3_ACCESS_KEY)).isEqualTo("AKID-IN-FILE");
    assertThat(config.get(ConfigKeys.S3_SECRET_KEY)).isEqualTo("secret-from-env");
    assertThat(config.get(ConfigKeys.S3_SESSION_TOKEN)).isEqualTo("token-in-file");
    assertThat(config.get(ConfigKeys.S3_INSECURE)).isFalse();
    assertThat(config.get(ConfigKeys.S3_FORCE_PATH_STYLE)).isTrue();
    assertThat(config.get(ConfigKeys.S3_PART_SIZE)).isEqualTo(10L * 1024 * 1024);
    assertThat(config.get(ConfigKeys.S3_RETRY_MAX_ATTEMPTS)).isEqualTo(10);
    assertThat(config.get(ConfigKeys.S3_CONNECT_TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.get(ConfigKeys.S3_REQUEST_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.get(ConfigKeys.S3_API_CALL_TIMEOUT)).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.warnings()).isEmpty();

    assertThat(config.toString())
        .contains(
            "storage.trace.s3.bucket=tempo-traces",
            "storage.trace.s3.prefix=prod",
            "storage.trace.s3.access_key=<redacted>",
            "storage.trace.s3.secret_key=<redacted>",
            "storage.trace.s3.session_token=<redacted>")
        .doesNotContain("AKID-IN-FILE", "secret-in-file", "secret-from-env", "token-in-file");
    assertThat(ConfigKeys.ALL.stream().filter(ConfigKey::isSecret).map(ConfigKey::path))
        .containsExactly(
            "storage.trace.s3.access_key",
            "storage.trace.s3.secret_key",
            "storage.trace.s3.session_token");
  }

  @Test
  void badS3ValuesSayWhatIsExpectedAndWhereButNotTheValue() throws IOException {
    Path f =
        file(
            String.join(
                "\n",
                "storage:",
                "  trace:",
                "    backend: gcs",
                "    s3: { bucket: Traces_1, prefix: a//b, part_size: 1024, retry_max_attempts: 0"
                    + " }",
                ""));
    assertThatThrownBy(() -> ConfigLoader.load(f, false, Map.of()))
        .hasMessage(
            "invalid configuration:\n"
                + "  storage.trace.backend: invalid value in "
                + f
                + " at line 3, column 14 (expected: local or s3)\n"
                + "  storage.trace.s3.bucket: invalid value in "
                + f
                + " at line 4, column 19 (expected: 3 to 63 lower-case letters, digits, '.' or"
                + " '-')\n"
                + "  storage.trace.s3.prefix: invalid value in "
                + f
                + " at line 4, column 37 (expected: no '//')\n"
                + "  storage.trace.s3.part_size: invalid value in "
                + f
                + " at line 4, column 54 (expected: 0, or 5242880 to 1073741824)\n"
                + "  storage.trace.s3.retry_max_attempts: invalid value in "
                + f
                + " at line 4, column 80 (expected: 1 to 10)");
  }

  /** The table and ConfigKeys load without the storage modules, so the s3 defaults are repeated. */
  @Test
  void s3DefaultsAreThoseOfTheStore() {
    assertThat(ConfigKeys.S3_PART_SIZE.defaultValue())
        .isEqualTo(S3ObjectStoreBuilder.DEFAULT_PART_SIZE);
    assertThat(ConfigKeys.S3_CONNECT_TIMEOUT.defaultValue())
        .isEqualTo(S3ObjectStoreBuilder.DEFAULT_CONNECT_TIMEOUT);
    assertThat(ConfigKeys.S3_REQUEST_TIMEOUT.defaultValue())
        .isEqualTo(S3ObjectStoreBuilder.DEFAULT_REQUEST_TIMEOUT);
    assertThat(ConfigKeys.S3_API_CALL_TIMEOUT.defaultValue())
        .isEqualTo(S3ObjectStoreBuilder.DEFAULT_API_CALL_TIMEOUT);
    assertThat(ConfigKeys.S3_RETRY_MAX_ATTEMPTS.defaultValue())
        .isEqualTo(S3ObjectStoreBuilder.DEFAULT_MAX_ATTEMPTS);
    assertThat(ConfigKeys.S3_PART_SIZE.ruleText())
        .isEqualTo("0, or " + S3Config.MIN_PART_SIZE + " to " + S3Config.MAX_PART_SIZE);
  }

  @Test
  void typosAreErrorsWithASuggestion() throws IOException {
    Path f = file("ingester:\n  trace_idle_perod: 5s\nserverr:\n  x: 1\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, false, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid configuration:\n"
                + "  unknown config key 'ingester.trace_idle_perod' in "
                + f
                + " (did you mean 'ingester.trace_idle_period'?)\n"
                + "  unknown config key 'serverr.x' in "
                + f);
  }

  @Test
  void badValuesSayWhatIsExpectedAndWhereButNotTheValue() throws IOException {
    Path f =
        file(
            "server:\n  http_listen_port: abc\n  log_level: loud\n"
                + "ingester:\n  trace_idle_period: 5\nmultitenancy_enabled: maybe\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, false, Map.of()))
        .hasMessage(
            "invalid configuration:\n"
                + "  server.http_listen_port: invalid value in "
                + f
                + " at line 2, column 21 (expected: a whole number, 0 to 65535)\n"
                + "  server.log_level: invalid value in "
                + f
                + " at line 3, column 14 (expected: one of debug, info, warn, error)\n"
                + "  ingester.trace_idle_period: invalid value in "
                + f
                + " at line 5, column 22 (expected: a duration such as 5s, 1m30s, > 0)\n"
                + "  multitenancy_enabled: invalid value in "
                + f
                + " at line 6, column 23 (expected: true or false)");
  }

  @Test
  void aSecretOnAMistypedKeyIsNotShown() throws IOException {
    Path f = file("storage:\n  trace:\n    s3:\n      retry_max_attempts: wJalrXUtnFEMI\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, false, Map.of()))
        .hasMessage(
            "invalid configuration:\n"
                + "  storage.trace.s3.retry_max_attempts: invalid value in "
                + f
                + " at line 4, column 27 (expected: a whole number, 1 to 10)");
  }

  @Test
  void aListWhereASingleValueBelongsNamesTheKeyNotTheValues() throws IOException {
    Path f =
        file(
            String.join(
                "\n",
                "storage:",
                "  trace:",
                "    s3:",
                "      access_key: AKID-IN-FILE",
                "      secret_key: [secret-one, secret-two]",
                "    wal:",
                "      path:",
                "        - /var/wal-one",
                "        - /var/wal-two",
                ""));
    assertThatThrownBy(() -> ConfigLoader.load(f, false, Map.of()))
        .hasMessage(
            "invalid configuration:\n"
                + "  storage.trace.s3.secret_key: a list in "
                + f
                + " at line 5, column 19 (expected: a string)\n"
                + "  storage.trace.wal.path: a list in "
                + f
                + " at line 8, column 9 (expected: a string, a path)");
  }

  @Test
  void aMappingOrAValueWhereTheOtherBelongs() throws IOException {
    Path f =
        file(
            String.join(
                "\n",
                "server:",
                "  http_listen_port: { nested: 1 }",
                "ingester: 5s",
                "storage:",
                "  trace: [local]",
                "distributor:",
                "  receivers:",
                "    otlp:",
                "      protocols:",
                "        grpc:",
                ""));
    assertThatThrownBy(() -> ConfigLoader.load(f, false, Map.of()))
        .hasMessage(
            "invalid configuration:\n"
                + "  server.http_listen_port: a mapping in "
                + f
                + " at line 2, column 21 (expected: a whole number, 0 to 65535)\n"
                + "  ingester: a single value in "
                + f
                + " at line 3, column 11 (expected: a mapping)\n"
                + "  storage.trace: a list in "
                + f
                + " at line 5, column 10 (expected: a mapping)");
  }

  @Test
  void syntaxErrorsSayWhereAndWhatButQuoteNothing() throws IOException {
    assertNotYaml(
        "storage:\n  trace:\n    s3:\n      secret_key: wJalrXUtnFEMI: oops\n",
        "mapping values are not allowed here at line 4, column 32");
    assertNotYaml(
        "server:\n  log_level: \"debug\n  http_listen_port: 3200\n",
        "found unexpected end of stream at line 4, column 1"
            + " (while scanning a quoted scalar at line 2, column 14)");
    assertNotYaml(
        "storage:\n  trace:\n    s3:\n      secret_key: \"wJal\\qrX\"\n",
        "found unknown escape character at line 4, column 25"
            + " (while scanning a double-quoted scalar at line 4, column 19)");
    assertNotYaml(
        "server:\n\thttp_listen_port: 3200\n",
        "found a tab character that cannot start any token (indent with spaces)"
            + " at line 2, column 1 (while scanning for the next token)");
    assertNotYaml(
        "target: all\nserver:\n  log_level: info\n  log_level: debug\n",
        "duplicate key 'server.log_level' at line 4, column 3");
  }

  private void assertNotYaml(String yaml, String problem) throws IOException {
    Path f = file(yaml);
    assertThatThrownBy(() -> ConfigLoader.load(f, false, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config file " + f + " is not valid YAML: " + problem);
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), false, Map.of()))
        .hasMessageStartingWith("cannot read config file " + dir.resolve("missing.yaml"));
  }

  @Test
  void anchorsAndMergeKeysWork() throws IOException {
    Path f =
        file(
            String.join(
                "\n",
                "storage:",
                "  trace:",
                "    s3:",
                "      <<: { connect_timeout: 2s, request_timeout: 30s }",
                "      request_timeout: 40s",
                "    local: &local { path: /var/blocks }",
                "    wal: *local",
                ""));
    VivaceConfig config = ConfigLoader.load(f, false, Map.of());
    assertThat(config.get(ConfigKeys.S3_CONNECT_TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.get(ConfigKeys.S3_REQUEST_TIMEOUT)).isEqualTo(Duration.ofSeconds(40));
    assertThat(config.get(ConfigKeys.WAL_PATH)).isEqualTo("/var/blocks");
  }

  @Test
  void environmentOverridesTheFileAndExpandsIntoIt() throws IOException {
    Path f = file("server:\n  http_listen_port: ${PORT:-3300}\nmultitenancy_enabled: ${MT}\n");
    VivaceConfig config = ConfigLoader.load(f, true, Map.of("MT", "true"));
    assertThat(config.get(ConfigKeys.HTTP_LISTEN_PORT)).isEqualTo(3300);
    assertThat(config.get(ConfigKeys.MULTITENANCY_ENABLED)).isTrue();

    config =
        ConfigLoader.load(
            f,
            true,
            Map.of(
                "MT",
                "false",
                "PORT",
                "3400",
                "VIVACE_OVERRIDES_DEFAULTS_INGESTION_MAX_TRACES_PER_USER",
                "7"));
    assertThat(config.get(ConfigKeys.HTTP_LISTEN_PORT)).isEqualTo(3400);
    assertThat(config.get(ConfigKeys.MAX_TRACES_PER_USER)).isEqualTo(7);

    config =
        ConfigLoader.load(f, true, Map.of("MT", "false", "VIVACE_SERVER_HTTP_LISTEN_PORT", "9"));
    assertThat(config.get(ConfigKeys.HTTP_LISTEN_PORT)).isEqualTo(9);

    assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("VIVACE_SERVER_LOG_LEVEL", "x")))
        .hasMessage(
            "invalid configuration:\n  server.log_level: invalid value in environment variable"
                + " VIVACE_SERVER_LOG_LEVEL (expected: one of debug, info, warn, error)");
  }

  @Test
  void everyKeyHasDocAndAUniqueEnvVar() {
    assertThat(ConfigKeys.ALL).allSatisfy(k -> assertThat(k.doc()).isNotBlank());
    assertThat(ConfigKeys.ALL.stream().map(ConfigKey::envVar).distinct().count())
        .isEqualTo(ConfigKeys.ALL.size());
    assertThat(ConfigKeys.HTTP_LISTEN_PORT.envVar()).isEqualTo("VIVACE_SERVER_HTTP_LISTEN_PORT");
  }

  @Test
  void goDurations() {
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2us")).isEqualTo(Duration.ofNanos(2000));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> Durations.parse("5")).hasMessageContaining("invalid duration '5'");
    assertThatThrownBy(() -> Durations.parse("5 parsecs")).hasMessageContaining("invalid duration");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
  }
}
