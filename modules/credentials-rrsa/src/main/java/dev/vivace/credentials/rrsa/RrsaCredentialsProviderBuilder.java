package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link RrsaCredentialsProvider}. Every setting left unset is read from the environment
 * variables in {@link RrsaEnvironment}; an explicit value always wins. {@link #build()} validates
 * and fails fast, but does no I/O: the token file and STS are first touched by the first {@code
 * resolveCredentials()}.
 */
public final class RrsaCredentialsProviderBuilder {

  /**
   * If unset, the session lasts 3600 seconds (STS accepts 900 up to the role's maximum, at most
   * 43200).
   */
  public static final int DEFAULT_DURATION_SECONDS = 3600;

  /** If unset, STS connections time out after 5 seconds (the Alibaba SDK default). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** If unset, STS reads time out after 10 seconds (the Alibaba SDK default). */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  /**
   * If unset, a caller holding nearly expired credentials waits at most 5 seconds for a refresh.
   */
  public static final Duration DEFAULT_BLOCKING_WAIT = Duration.ofSeconds(5);

  /**
   * If no session name is set anywhere, it defaults to this prefix, a dash and {@code $HOSTNAME}.
   */
  public static final String DEFAULT_SESSION_NAME_PREFIX = "rrsa";

  @Nullable String roleArn;
  @Nullable String oidcProviderArn;
  @Nullable Path oidcTokenFile;
  @Nullable String roleSessionName;
  @Nullable String stsEndpoint;
  @Nullable String stsRegion;
  @Nullable Boolean vpcEndpoint;
  @Nullable String policy;
  boolean allowHttp;
  int durationSeconds = DEFAULT_DURATION_SECONDS;
  Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  Duration readTimeout = DEFAULT_READ_TIMEOUT;
  Duration blockingWait = DEFAULT_BLOCKING_WAIT;
  Clock clock = Clock.systemUTC();
  Function<String, @Nullable String> environment = System::getenv;
  DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  @Nullable RefreshScheduler scheduler;
  @Nullable StsExchange exchange;

  RrsaCredentialsProviderBuilder() {}

  /** The RAM role to assume. If unset, {@code ALIBABA_CLOUD_ROLE_ARN}. */
  public RrsaCredentialsProviderBuilder roleArn(String roleArn) {
    this.roleArn = requireNonNull(roleArn, "roleArn");
    return this;
  }

  /** The RAM OIDC provider. If unset, {@code ALIBABA_CLOUD_OIDC_PROVIDER_ARN}. */
  public RrsaCredentialsProviderBuilder oidcProviderArn(String oidcProviderArn) {
    this.oidcProviderArn = requireNonNull(oidcProviderArn, "oidcProviderArn");
    return this;
  }

  /**
   * The projected token file, re-read for every exchange. If unset, {@code
   * ALIBABA_CLOUD_OIDC_TOKEN_FILE}.
   */
  public RrsaCredentialsProviderBuilder oidcTokenFile(Path oidcTokenFile) {
    this.oidcTokenFile = requireNonNull(oidcTokenFile, "oidcTokenFile");
    return this;
  }

  /**
   * The role session name, validated strictly. If unset, {@code ALIBABA_CLOUD_ROLE_SESSION_NAME}
   * (sanitised), else {@link #DEFAULT_SESSION_NAME_PREFIX}{@code -$HOSTNAME}.
   */
  public RrsaCredentialsProviderBuilder roleSessionName(String roleSessionName) {
    this.roleSessionName = requireNonNull(roleSessionName, "roleSessionName");
    return this;
  }

  /**
   * The STS endpoint, {@code host[:port]} or {@code https://host[:port]}. If unset: {@link
   * #stsRegion}, then {@code ALIBABA_CLOUD_STS_ENDPOINT}, then {@code ALIBABA_CLOUD_STS_REGION},
   * then {@code sts.aliyuncs.com}.
   */
  public RrsaCredentialsProviderBuilder stsEndpoint(String stsEndpoint) {
    this.stsEndpoint = requireNonNull(stsEndpoint, "stsEndpoint");
    return this;
  }

  /**
   * The STS region, giving {@code sts[-vpc].<region>.aliyuncs.com}. If unset, {@code
   * ALIBABA_CLOUD_STS_REGION}.
   */
  public RrsaCredentialsProviderBuilder stsRegion(String stsRegion) {
    this.stsRegion = requireNonNull(stsRegion, "stsRegion");
    return this;
  }

  /**
   * Whether a region maps to the VPC endpoint. If unset, {@code
   * ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED}.
   */
  public RrsaCredentialsProviderBuilder vpcEndpoint(boolean vpcEndpoint) {
    this.vpcEndpoint = vpcEndpoint;
    return this;
  }

  /** Allows an {@code http://} STS endpoint. Only for tests against a local emulator. */
  public RrsaCredentialsProviderBuilder allowHttp(boolean allowHttp) {
    this.allowHttp = allowHttp;
    return this;
  }

  /** Requested session duration. If unset, {@link #DEFAULT_DURATION_SECONDS}. */
  public RrsaCredentialsProviderBuilder durationSeconds(int durationSeconds) {
    if (durationSeconds < 900 || durationSeconds > 43_200) {
      throw new IllegalArgumentException(
          "durationSeconds: " + durationSeconds + " (expected: 900..43200)");
    }
    this.durationSeconds = durationSeconds;
    return this;
  }

  /** An inline policy that further restricts the role. If unset, none. */
  public RrsaCredentialsProviderBuilder policy(String policy) {
    requireNonNull(policy, "policy");
    if (policy.isEmpty() || policy.length() > 2048) {
      throw new IllegalArgumentException(
          "policy: " + policy.length() + " characters (expected: 1..2048)");
    }
    this.policy = policy;
    return this;
  }

  /** STS connect timeout. If unset, {@link #DEFAULT_CONNECT_TIMEOUT}. */
  public RrsaCredentialsProviderBuilder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    return this;
  }

  /** STS read timeout. If unset, {@link #DEFAULT_READ_TIMEOUT}. */
  public RrsaCredentialsProviderBuilder readTimeout(Duration readTimeout) {
    this.readTimeout = positive(readTimeout, "readTimeout");
    return this;
  }

  /**
   * Longest wait of a caller whose credentials are about to expire. If unset, {@link
   * #DEFAULT_BLOCKING_WAIT}.
   */
  public RrsaCredentialsProviderBuilder blockingWait(Duration blockingWait) {
    this.blockingWait = positive(blockingWait, "blockingWait");
    return this;
  }

  /** The clock that expiry and refresh times are computed with. If unset, the UTC system clock. */
  public RrsaCredentialsProviderBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /** Where environment variables are looked up. If unset, {@link System#getenv(String)}. */
  public RrsaCredentialsProviderBuilder environment(
      Function<String, @Nullable String> environment) {
    this.environment = requireNonNull(environment, "environment");
    return this;
  }

  /** Looks environment variables up in {@code environment} instead of the process environment. */
  public RrsaCredentialsProviderBuilder environment(Map<String, String> environment) {
    requireNonNull(environment, "environment");
    Map<String, String> copy = Map.copyOf(environment);
    this.environment = copy::get;
    return this;
  }

  RrsaCredentialsProviderBuilder random(DoubleSupplier random) {
    this.random = requireNonNull(random, "random");
    return this;
  }

  RrsaCredentialsProviderBuilder scheduler(RefreshScheduler scheduler) {
    this.scheduler = requireNonNull(scheduler, "scheduler");
    return this;
  }

  RrsaCredentialsProviderBuilder exchange(StsExchange exchange) {
    this.exchange = requireNonNull(exchange, "exchange");
    return this;
  }

  /** Validates the settings and the environment. Does no I/O and starts no thread. */
  public RrsaCredentialsProvider build() {
    RrsaConfig config = RrsaConfig.resolve(this, environment);
    StsExchange sts = exchange != null ? exchange : new AliyunStsExchange(config);
    RefreshScheduler s = scheduler != null ? scheduler : new ExecutorRefreshScheduler();
    RefreshPolicy policy =
        new RefreshPolicy(
            clock, random, blockingWait, blockingWait.plus(connectTimeout).plus(readTimeout));
    return new RrsaCredentialsProvider(
        config,
        new CredentialsRefresher(
            new OidcTokenFile(config.tokenFile(), config.tokenFileSource()), sts, s, policy));
  }

  private static Duration positive(Duration d, String name) {
    requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
    return d;
  }
}
