package dev.vivace.credentials.rrsa;

import static dev.vivace.credentials.rrsa.RrsaEnvironment.OIDC_PROVIDER_ARN;
import static dev.vivace.credentials.rrsa.RrsaEnvironment.OIDC_TOKEN_FILE;
import static dev.vivace.credentials.rrsa.RrsaEnvironment.ROLE_ARN;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The resolved, validated settings of one provider. Holds no secret. */
record RrsaConfig(
    String roleArn,
    String oidcProviderArn,
    Path tokenFile,
    String tokenFileSource,
    String roleSessionName,
    StsEndpoint endpoint,
    @Nullable String stsRegion,
    int durationSeconds,
    @Nullable String policy,
    Duration connectTimeout,
    Duration readTimeout) {

  RrsaConfig {
    requireNonNull(roleArn, "roleArn");
    requireNonNull(oidcProviderArn, "oidcProviderArn");
    requireNonNull(tokenFile, "tokenFile");
    requireNonNull(tokenFileSource, "tokenFileSource");
    requireNonNull(roleSessionName, "roleSessionName");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(readTimeout, "readTimeout");
  }

  /** Builder values first, then the environment. Fails fast with a message naming what to set. */
  static RrsaConfig resolve(
      RrsaCredentialsProviderBuilder b, Function<String, @Nullable String> env) {
    String ignoreSsl = nonBlank(env.apply(RrsaEnvironment.CORE_IGNORE_SSL));
    if ("yes".equalsIgnoreCase(ignoreSsl)) {
      throw new IllegalStateException(
          RrsaEnvironment.CORE_IGNORE_SSL
              + "="
              + ignoreSsl
              + " turns off TLS certificate checks for every"
              + " Alibaba Cloud SDK call in this JVM; unset it");
    }
    Setting role = Setting.of(b.roleArn, "roleArn", ROLE_ARN, env);
    Setting provider = Setting.of(b.oidcProviderArn, "oidcProviderArn", OIDC_PROVIDER_ARN, env);
    Setting token =
        Setting.of(
            b.oidcTokenFile == null ? null : b.oidcTokenFile.toString(),
            "oidcTokenFile",
            OIDC_TOKEN_FILE,
            env);
    List<String> missing = new ArrayList<>();
    for (Setting s : List.of(role, provider, token)) {
      if (s.value == null) {
        missing.add(s.envName);
      }
    }
    if (missing.size() == 3) {
      throw new IllegalStateException(
          "RRSA is not configured: set "
              + ROLE_ARN
              + ", "
              + OIDC_PROVIDER_ARN
              + " and "
              + OIDC_TOKEN_FILE
              + " (the ACK pod-identity webhook injects them), or set roleArn, oidcProviderArn and"
              + " oidcTokenFile on the builder");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "RRSA is configured only in part: missing "
              + String.join(", ", missing)
              + ". A partial set"
              + " usually means the pod was not injected correctly; all of "
              + ROLE_ARN
              + ", "
              + OIDC_PROVIDER_ARN
              + " and "
              + OIDC_TOKEN_FILE
              + " are required");
    }
    String roleArn = arn(role, ":role/", "acs:ram::<account-id>:role/<role-name>");
    String providerArn =
        arn(provider, ":oidc-provider/", "acs:ram::<account-id>:oidc-provider/<provider-name>");
    Path tokenFile = Path.of(requireNonNull(token.value, "token"));
    return new RrsaConfig(
        roleArn,
        providerArn,
        tokenFile,
        token.source,
        sessionName(b, env),
        StsEndpoints.resolve(b, env),
        StsEndpoints.region(b, env),
        b.durationSeconds,
        b.policy,
        b.connectTimeout,
        b.readTimeout);
  }

  private static String arn(Setting s, String kind, String expected) {
    String v = requireNonNull(s.value, "value");
    if (!v.startsWith("acs:ram::") || !v.contains(kind)) {
      throw new IllegalArgumentException(s.source + ": " + v + " (expected: " + expected + ")");
    }
    return v;
  }

  private static String sessionName(
      RrsaCredentialsProviderBuilder b, Function<String, @Nullable String> env) {
    if (b.roleSessionName != null) {
      return RoleSessionNames.validate(b.roleSessionName);
    }
    String fromEnv = nonBlank(env.apply(RrsaEnvironment.ROLE_SESSION_NAME));
    if (fromEnv != null) {
      return RoleSessionNames.sanitize(fromEnv);
    }
    String host = nonBlank(env.apply(RrsaEnvironment.HOSTNAME));
    return RoleSessionNames.sanitize(
        RrsaCredentialsProviderBuilder.DEFAULT_SESSION_NAME_PREFIX
            + "-"
            + (host != null ? host : Long.toString(b.clock.millis())));
  }

  static @Nullable String nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** One required setting: its value and where it came from. */
  private static final class Setting {
    final @Nullable String value;
    final String source;
    final String envName;

    private Setting(@Nullable String value, String source, String envName) {
      this.value = value;
      this.source = source;
      this.envName = envName;
    }

    static Setting of(
        @Nullable String explicit,
        String builderName,
        String envName,
        Function<String, @Nullable String> env) {
      String v = nonBlank(explicit);
      if (v != null) {
        return new Setting(v, builderName, envName);
      }
      return new Setting(nonBlank(env.apply(envName)), envName, envName);
    }
  }
}
