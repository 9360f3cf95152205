package dev.vivace.storage.s3;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * Builds an {@link S3ObjectStore}. Setters mirror Tempo's {@code storage.trace.s3.*} keys (see
 * {@link S3Config}); {@link #build()} validates, chooses the credential source (see {@link
 * S3CredentialChain}) and logs which one, but does no I/O.
 */
public final class S3ObjectStoreBuilder {

  /** If unset, objects larger than 5 MiB are uploaded in 5 MiB parts. */
  public static final long DEFAULT_PART_SIZE = S3Config.MIN_PART_SIZE;

  /** If unset, connections time out after 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** If unset, one HTTP attempt (and each socket read) may take 60 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** If unset, one operation including retries may take 5 minutes. */
  public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofMinutes(5);

  /** If unset, a request is tried 4 times (the first included) on 5xx and throttling. */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;

  /** Page size of listings, asked explicitly (OSS defaults to 100, S3 to 1000). */
  static final int DEFAULT_LIST_PAGE_SIZE = 1000;

  private static final Logger logger = LoggerFactory.getLogger(S3ObjectStore.class);

  private final String bucket;
  private String prefix = "";
  private String endpoint = "";
  private String region = "";
  private String accessKey = "";
  private String secretKey = "";
  private String sessionToken = "";
  private boolean insecure;
  private boolean forcePathStyle;
  private long partSize = DEFAULT_PART_SIZE;
  private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
  private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
  private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
  private @Nullable AwsCredentialsProvider credentialsProvider;
  private Function<String, @Nullable String> environment = System::getenv;
  private int listPageSize = DEFAULT_LIST_PAGE_SIZE;
  private Consumer<Apache5HttpClient.Builder> httpCustomizer = b -> {};
  private Consumer<ClientOverrideConfiguration.Builder> overrideCustomizer = b -> {};

  S3ObjectStoreBuilder(String bucket) {
    this.bucket = requireNonNull(bucket, "bucket");
  }

  /** Copies every setting of {@code config} (the bucket included) into this builder. */
  public S3ObjectStoreBuilder config(S3Config config) {
    requireNonNull(config, "config");
    if (!config.bucket().equals(bucket)) {
      throw new IllegalArgumentException(
          "config.bucket: " + config.bucket() + " (expected: " + bucket + ")");
    }
    prefix = config.prefix();
    endpoint = config.endpoint();
    region = config.region();
    accessKey = config.accessKey();
    secretKey = config.secretKey();
    sessionToken = config.sessionToken();
    insecure = config.insecure();
    forcePathStyle = config.forcePathStyle();
    partSize = config.partSize();
    connectTimeout = config.connectTimeout();
    requestTimeout = config.requestTimeout();
    apiCallTimeout = config.apiCallTimeout();
    maxAttempts = config.maxAttempts();
    return this;
  }

  /**
   * {@code prefix}: keys are stored under {@code <prefix>/}. If unset, none. Slashes at the ends
   * are dropped.
   */
  public S3ObjectStoreBuilder prefix(String prefix) {
    String p = requireNonNull(prefix, "prefix");
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    this.prefix = p;
    return this;
  }

  /**
   * {@code endpoint}: {@code host[:port]} or {@code http(s)://host[:port]}. If unset, AWS S3 of
   * {@link #region}.
   */
  public S3ObjectStoreBuilder endpoint(String endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint").strip();
    return this;
  }

  /**
   * {@code region}. If unset, {@code us-east-1} with an endpoint; ignored for OSS endpoints (see
   * README).
   */
  public S3ObjectStoreBuilder region(String region) {
    this.region = requireNonNull(region, "region").strip();
    return this;
  }

  /** {@code access_key}. If unset, the credential chain decides. */
  public S3ObjectStoreBuilder accessKey(String accessKey) {
    this.accessKey = requireNonNull(accessKey, "accessKey");
    return this;
  }

  /** {@code secret_key}, set together with {@link #accessKey(String)}. */
  public S3ObjectStoreBuilder secretKey(String secretKey) {
    this.secretKey = requireNonNull(secretKey, "secretKey");
    return this;
  }

  /** {@code session_token} of the static key pair. If unset, none. */
  public S3ObjectStoreBuilder sessionToken(String sessionToken) {
    this.sessionToken = requireNonNull(sessionToken, "sessionToken");
    return this;
  }

  /** {@code insecure}: plain HTTP for an endpoint without scheme. If unset, false (HTTPS). */
  public S3ObjectStoreBuilder insecure(boolean insecure) {
    this.insecure = insecure;
    return this;
  }

  /**
   * {@code s3.forcepathstyle}: path-style addressing. If unset, false (virtual-hosted, which OSS
   * requires).
   */
  public S3ObjectStoreBuilder forcePathStyle(boolean forcePathStyle) {
    this.forcePathStyle = forcePathStyle;
    return this;
  }

  /** {@code part_size} in bytes. If unset, {@link #DEFAULT_PART_SIZE}. */
  public S3ObjectStoreBuilder partSize(long partSize) {
    this.partSize = partSize;
    return this;
  }

  /** {@code connect_timeout}. If unset, {@link #DEFAULT_CONNECT_TIMEOUT}. */
  public S3ObjectStoreBuilder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
    return this;
  }

  /** {@code request_timeout}. If unset, {@link #DEFAULT_REQUEST_TIMEOUT}. */
  public S3ObjectStoreBuilder requestTimeout(Duration requestTimeout) {
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout");
    return this;
  }

  /** {@code api_call_timeout}. If unset, {@link #DEFAULT_API_CALL_TIMEOUT}. */
  public S3ObjectStoreBuilder apiCallTimeout(Duration apiCallTimeout) {
    this.apiCallTimeout = requireNonNull(apiCallTimeout, "apiCallTimeout");
    return this;
  }

  /** {@code max_attempts}. If unset, {@link #DEFAULT_MAX_ATTEMPTS}. */
  public S3ObjectStoreBuilder maxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
    return this;
  }

  /**
   * Signs with {@code provider} instead of the credential chain; the caller keeps ownership and
   * closes it. If it is a {@code RrsaCredentialsProvider}, credentials the store rejects are
   * refreshed and the request retried.
   */
  public S3ObjectStoreBuilder credentialsProvider(AwsCredentialsProvider provider) {
    this.credentialsProvider = requireNonNull(provider, "provider");
    return this;
  }

  /**
   * Where the credential chain looks up environment variables. If unset, {@link
   * System#getenv(String)}.
   */
  public S3ObjectStoreBuilder environment(Function<String, @Nullable String> environment) {
    this.environment = requireNonNull(environment, "environment");
    return this;
  }

  /** Looks environment variables up in a copy of {@code environment}. */
  public S3ObjectStoreBuilder environment(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(requireNonNull(environment, "environment"));
    this.environment = copy::get;
    return this;
  }

  S3ObjectStoreBuilder listPageSize(int listPageSize) {
    if (listPageSize < 1 || listPageSize > 1000) {
      throw new IllegalArgumentException("listPageSize: " + listPageSize + " (expected: 1..1000)");
    }
    this.listPageSize = listPageSize;
    return this;
  }

  /**
   * Test hook: adjusts the HTTP client (for example a DNS resolver mapping test hosts to loopback).
   */
  S3ObjectStoreBuilder httpClient(Consumer<Apache5HttpClient.Builder> customizer) {
    this.httpCustomizer = requireNonNull(customizer, "customizer");
    return this;
  }

  /**
   * Test hook: adjusts the SDK client configuration (for example an interceptor recording
   * requests).
   */
  S3ObjectStoreBuilder overrideConfiguration(
      Consumer<ClientOverrideConfiguration.Builder> customizer) {
    this.overrideCustomizer = requireNonNull(customizer, "customizer");
    return this;
  }

  /** The settings as a validated record. */
  public S3Config toConfig() {
    return new S3Config(
        bucket,
        prefix,
        endpoint,
        region,
        accessKey,
        secretKey,
        sessionToken,
        insecure,
        forcePathStyle,
        partSize,
        connectTimeout,
        requestTimeout,
        apiCallTimeout,
        maxAttempts);
  }

  /** Validates, chooses the credential source and logs it. Does no I/O. */
  public S3ObjectStore build() {
    S3Config config = toConfig();
    S3Endpoints.Resolved endpoint =
        S3Endpoints.resolve(
            config.endpoint(), config.insecure(), config.region(), config.forcePathStyle());
    if (endpoint.oss() && config.forcePathStyle()) {
      logger.warn(
          "S3 endpoint {} is Alibaba Cloud OSS, which refuses path-style requests"
              + " (403 SecondLevelDomainForbidden); forcepathstyle should be false",
          config.endpoint());
    }
    if (endpoint.oss() && !config.region().isEmpty()) {
      logger.info(
          "S3 endpoint {} is Alibaba Cloud OSS: requests are signed for us-east-1, region {} only"
              + " documents the bucket's location",
          config.endpoint(),
          config.region());
    }
    CredentialSource credentials =
        credentialsProvider != null
            ? new CredentialSource(
                "the credentials provider set on the builder ("
                    + credentialsProvider.getClass().getSimpleName()
                    + ")",
                credentialsProvider,
                false)
            : S3CredentialChain.choose(config, environment);
    logger.info(
        "S3 object store for bucket {} uses credentials from {}", config.bucket(), credentials);
    AwsCredentialsProvider provider = credentials.provider();
    Consumer<Apache5HttpClient.Builder> http = httpCustomizer;
    Consumer<ClientOverrideConfiguration.Builder> override = overrideCustomizer;
    S3Calls calls =
        new S3Calls(() -> S3ClientFactory.create(config, provider, http, override), credentials);
    return new S3ObjectStore(config, calls, credentials, listPageSize);
  }
}
