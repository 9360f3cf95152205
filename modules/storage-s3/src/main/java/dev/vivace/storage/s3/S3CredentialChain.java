package dev.vivace.storage.s3;

import dev.vivace.credentials.rrsa.RrsaCredentialsProvider;
import dev.vivace.credentials.rrsa.RrsaEnvironment;
import java.nio.file.Path;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;

/**
 * Chooses where S3 credentials come from, first match wins, by looking only at configuration and
 * environment variables (no I/O, no probing of metadata endpoints):
 *
 * <ol>
 *   <li>{@code access_key}/{@code secret_key} (+ {@code session_token}) from the configuration;
 *   <li>{@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN});
 *   <li>Alibaba Cloud RRSA, when any {@code ALIBABA_CLOUD_ROLE_ARN}, {@code
 *       ALIBABA_CLOUD_OIDC_PROVIDER_ARN} or {@code ALIBABA_CLOUD_OIDC_TOKEN_FILE} is set (a partial
 *       set fails, naming what is missing);
 *   <li>AWS web identity (IRSA): {@code AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN};
 *   <li>the container credentials endpoint: {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} or
 *       {@code AWS_CONTAINER_CREDENTIALS_FULL_URI};
 *   <li>the EC2 instance profile, unless {@code AWS_EC2_METADATA_DISABLED=true}.
 * </ol>
 *
 * Explicit configuration beats the environment (the lesson of apache/iceberg #17046, spec section
 * 6).
 */
final class S3CredentialChain {

  static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";
  static final String AWS_WEB_IDENTITY_TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
  static final String AWS_ROLE_ARN = "AWS_ROLE_ARN";
  static final String AWS_ROLE_SESSION_NAME = "AWS_ROLE_SESSION_NAME";
  static final String AWS_CONTAINER_RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
  static final String AWS_CONTAINER_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  static final String AWS_EC2_METADATA_DISABLED = "AWS_EC2_METADATA_DISABLED";

  static CredentialSource choose(S3Config config, Function<String, @Nullable String> env) {
    if (!config.accessKey().isEmpty()) {
      return new CredentialSource(
          "access_key/secret_key from the configuration",
          StaticCredentialsProvider.create(
              credentials(config.accessKey(), config.secretKey(), config.sessionToken())),
          true);
    }
    String ak = get(env, AWS_ACCESS_KEY_ID);
    String sk = get(env, AWS_SECRET_ACCESS_KEY);
    if (ak != null || sk != null) {
      if (ak == null || sk == null) {
        throw new IllegalArgumentException(
            "environment: only "
                + (ak != null ? AWS_ACCESS_KEY_ID : AWS_SECRET_ACCESS_KEY)
                + " is set (expected: both "
                + AWS_ACCESS_KEY_ID
                + " and "
                + AWS_SECRET_ACCESS_KEY
                + ")");
      }
      String token = get(env, AWS_SESSION_TOKEN);
      return new CredentialSource(
          "environment variables "
              + AWS_ACCESS_KEY_ID
              + "/"
              + AWS_SECRET_ACCESS_KEY
              + (token != null ? "/" + AWS_SESSION_TOKEN : ""),
          StaticCredentialsProvider.create(credentials(ak, sk, token == null ? "" : token)),
          true);
    }
    if (get(env, RrsaEnvironment.ROLE_ARN) != null
        || get(env, RrsaEnvironment.OIDC_PROVIDER_ARN) != null
        || get(env, RrsaEnvironment.OIDC_TOKEN_FILE) != null) {
      // build() validates and names missing variables; it does no I/O.
      RrsaCredentialsProvider rrsa = RrsaCredentialsProvider.builder().environment(env).build();
      return new CredentialSource(
          "Alibaba Cloud RRSA ("
              + RrsaEnvironment.ROLE_ARN
              + ", "
              + RrsaEnvironment.OIDC_PROVIDER_ARN
              + ", "
              + RrsaEnvironment.OIDC_TOKEN_FILE
              + ")",
          rrsa,
          true);
    }
    String tokenFile = get(env, AWS_WEB_IDENTITY_TOKEN_FILE);
    String roleArn = get(env, AWS_ROLE_ARN);
    if (tokenFile != null || roleArn != null) {
      if (tokenFile == null || roleArn == null) {
        throw new IllegalArgumentException(
            "environment: only "
                + (tokenFile != null ? AWS_WEB_IDENTITY_TOKEN_FILE : AWS_ROLE_ARN)
                + " is set (expected: both "
                + AWS_WEB_IDENTITY_TOKEN_FILE
                + " and "
                + AWS_ROLE_ARN
                + ")");
      }
      WebIdentityTokenFileCredentialsProvider.Builder b =
          WebIdentityTokenFileCredentialsProvider.builder()
              .webIdentityTokenFile(Path.of(tokenFile))
              .roleArn(roleArn);
      String session = get(env, AWS_ROLE_SESSION_NAME);
      if (session != null) {
        b.roleSessionName(session);
      }
      return new CredentialSource(
          "AWS web identity (" + AWS_WEB_IDENTITY_TOKEN_FILE + ", " + AWS_ROLE_ARN + ")",
          b.build(),
          true);
    }
    if (get(env, AWS_CONTAINER_RELATIVE_URI) != null || get(env, AWS_CONTAINER_FULL_URI) != null) {
      // The SDK provider reads these two variables itself, from the process environment.
      return new CredentialSource(
          "the container credentials endpoint ("
              + AWS_CONTAINER_RELATIVE_URI
              + " or "
              + AWS_CONTAINER_FULL_URI
              + ")",
          ContainerCredentialsProvider.builder().build(),
          true);
    }
    if ("true".equalsIgnoreCase(get(env, AWS_EC2_METADATA_DISABLED))) {
      throw new IllegalArgumentException(
          "S3 credentials: none found (expected: access_key and secret_key, "
              + AWS_ACCESS_KEY_ID
              + "/"
              + AWS_SECRET_ACCESS_KEY
              + ", the "
              + RrsaEnvironment.ROLE_ARN
              + " RRSA variables, "
              + AWS_WEB_IDENTITY_TOKEN_FILE
              + "/"
              + AWS_ROLE_ARN
              + ", container credentials, or"
              + " an instance profile with "
              + AWS_EC2_METADATA_DISABLED
              + " unset)");
    }
    return new CredentialSource(
        "the EC2 instance profile (instance metadata service)",
        InstanceProfileCredentialsProvider.builder().build(),
        true);
  }

  private static AwsCredentials credentials(
      String accessKey, String secretKey, String sessionToken) {
    return sessionToken.isEmpty()
        ? AwsBasicCredentials.create(accessKey, secretKey)
        : AwsSessionCredentials.create(accessKey, secretKey, sessionToken);
  }

  private static @Nullable String get(Function<String, @Nullable String> env, String name) {
    String v = env.apply(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private S3CredentialChain() {}
}
