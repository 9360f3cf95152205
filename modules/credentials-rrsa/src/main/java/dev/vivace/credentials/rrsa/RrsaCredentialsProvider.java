package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * AWS SDK v2 credentials from Alibaba Cloud ACK RRSA: the pod's projected OIDC token is exchanged
 * for temporary credentials through STS {@code AssumeRoleWithOIDC}, anonymously (the token is the
 * only proof).
 *
 * <p>Credentials are cached and refreshed in the background about 15 minutes before they expire.
 * Callers wait for STS only when no valid credentials exist (first call, or after a long outage).
 * When STS fails, credentials that are still valid keep being served and the call is retried with a
 * backoff chosen by error class; callers share that backoff and never add STS calls of their own.
 * The token file is re-read for every exchange. No token, secret or security token is ever logged
 * or put into a message.
 *
 * <p>The application owns the provider: {@link #close()} it on shutdown to stop its refresh thread.
 */
public final class RrsaCredentialsProvider implements AwsCredentialsProvider, AutoCloseable {

  /**
   * A builder whose unset values come from the environment variables in {@link RrsaEnvironment}.
   */
  public static RrsaCredentialsProviderBuilder builder() {
    return new RrsaCredentialsProviderBuilder();
  }

  /** A provider configured from the environment variables the ACK pod-identity webhook injects. */
  public static RrsaCredentialsProvider create() {
    return builder().build();
  }

  /** Whether all three required RRSA variables are set in {@code environment}. */
  public static boolean isConfigured(Function<String, @Nullable String> environment) {
    requireNonNull(environment, "environment");
    return RrsaConfig.nonBlank(environment.apply(RrsaEnvironment.ROLE_ARN)) != null
        && RrsaConfig.nonBlank(environment.apply(RrsaEnvironment.OIDC_PROVIDER_ARN)) != null
        && RrsaConfig.nonBlank(environment.apply(RrsaEnvironment.OIDC_TOKEN_FILE)) != null;
  }

  private final RrsaConfig config;
  private final CredentialsRefresher refresher;

  RrsaCredentialsProvider(RrsaConfig config, CredentialsRefresher refresher) {
    this.config = requireNonNull(config, "config");
    this.refresher = requireNonNull(refresher, "refresher");
  }

  /**
   * Returns cached credentials without blocking while they are fresh. Blocks only when none are
   * valid, at most for the STS timeouts plus the blocking wait.
   *
   * @throws software.amazon.awssdk.core.exception.SdkClientException if no valid credentials can be
   *     obtained; the message names the STS error code and request id, or the setting to fix
   */
  @Override
  public AwsCredentials resolveCredentials() {
    return refresher.resolve();
  }

  /**
   * Drops the current credentials and fetches new ones, for when the store rejects them (for
   * example OSS 403 {@code SecurityTokenExpired} or {@code InvalidAccessKeyId}). At most once per
   * 10 seconds. While STS is failing the credentials are dropped but the fetch waits for the
   * scheduled attempt at the end of the backoff.
   *
   * @return whether a refresh was started now
   */
  public boolean invalidate() {
    return refresher.invalidate();
  }

  /** Expiration, last success and last failure, for health checks. */
  public RrsaStatus status() {
    return refresher.status();
  }

  /** Cancels the scheduled refresh and stops the refresh thread. Idempotent. */
  @Override
  public void close() {
    refresher.close();
  }

  @Override
  public String toString() {
    return "RrsaCredentialsProvider{roleArn="
        + config.roleArn()
        + ", oidcProviderArn="
        + config.oidcProviderArn()
        + ", oidcTokenFile="
        + config.tokenFile()
        + ", roleSessionName="
        + config.roleSessionName()
        + ", stsEndpoint="
        + config.endpoint()
        + "}";
  }
}
