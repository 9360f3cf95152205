package dev.vivace.testing.sts;

import static java.util.Objects.requireNonNull;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Configures the RAM side the emulator knows about: OIDC providers (issuer + JWKS) and roles with
 * trust.
 */
public final class StsEmulatorBuilder {

  /** If unset, roles allow sessions up to 3600 seconds (RAM's default maximum). */
  public static final int DEFAULT_MAX_SESSION_DURATION_SECONDS = 3600;

  /** If unset, {@link StsFault#SLOW} delays answers by 15 seconds. */
  public static final Duration DEFAULT_SLOWNESS = Duration.ofSeconds(15);

  /** If unset, error bodies carry {@code HostId} {@code sts.aliyuncs.com}. */
  public static final String DEFAULT_HOST_ID = "sts.aliyuncs.com";

  final Map<String, String> providerIssuers = new LinkedHashMap<>();
  final Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
  final Map<String, RoleTrust> roles = new LinkedHashMap<>();
  int maxSessionDurationSeconds = DEFAULT_MAX_SESSION_DURATION_SECONDS;
  Duration slowness = DEFAULT_SLOWNESS;
  String hostId = DEFAULT_HOST_ID;
  Clock clock = Clock.systemUTC();

  StsEmulatorBuilder() {}

  /**
   * Registers a RAM OIDC provider whose tokens come from {@code issuer}, signed by keys in {@code
   * jwks}.
   */
  public StsEmulatorBuilder oidcProvider(String providerArn, String issuer, String jwks) {
    providerIssuers.put(
        requireNonNull(providerArn, "providerArn"), requireNonNull(issuer, "issuer"));
    keys.putAll(Jwks.read(requireNonNull(jwks, "jwks")));
    return this;
  }

  /** Registers {@code tokens}' issuer and keys as the provider {@code providerArn}. */
  public StsEmulatorBuilder oidcProvider(String providerArn, OidcTokens tokens) {
    return oidcProvider(providerArn, tokens.issuer(), tokens.jwks());
  }

  /** A role that trusts {@code providerArn} for the given token subjects. */
  public StsEmulatorBuilder role(String roleArn, String providerArn, String... subjects) {
    requireNonNull(roleArn, "roleArn");
    requireNonNull(providerArn, "providerArn");
    roles.put(roleArn, new RoleTrust(roleArn, providerArn, Set.of(subjects)));
    return this;
  }

  /**
   * The role-side maximum of {@code DurationSeconds}. If unset, {@link
   * #DEFAULT_MAX_SESSION_DURATION_SECONDS}.
   */
  public StsEmulatorBuilder maxSessionDurationSeconds(int seconds) {
    if (seconds < 900 || seconds > 43_200) {
      throw new IllegalArgumentException("seconds: " + seconds + " (expected: 900..43200)");
    }
    this.maxSessionDurationSeconds = seconds;
    return this;
  }

  /** How long {@link StsFault#SLOW} delays. If unset, {@link #DEFAULT_SLOWNESS}. */
  public StsEmulatorBuilder slowness(Duration slowness) {
    this.slowness = requireNonNull(slowness, "slowness");
    return this;
  }

  /** {@code HostId} of error bodies. If unset, {@link #DEFAULT_HOST_ID}. */
  public StsEmulatorBuilder hostId(String hostId) {
    this.hostId = requireNonNull(hostId, "hostId");
    return this;
  }

  /** Time for token expiry checks and issued expirations. If unset, the UTC system clock. */
  public StsEmulatorBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  public StsEmulator build() {
    return new StsEmulator(this);
  }
}
