package dev.vivace.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.credentials.rrsa.RrsaCredentialsProvider;
import dev.vivace.testing.logging.LogCapture;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;

/**
 * The order of the credential chain: each source wins over every later one. Nothing here does I/O.
 */
class S3CredentialChainTest {

  static final Map<String, String> ALL =
      Map.of(
          "AWS_ACCESS_KEY_ID",
          "AKIDENV",
          "AWS_SECRET_ACCESS_KEY",
          "env-secret",
          "AWS_SESSION_TOKEN",
          "env-token",
          "ALIBABA_CLOUD_ROLE_ARN",
          "acs:ram::1:role/writer",
          "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
          "acs:ram::1:oidc-provider/ack",
          "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
          "/var/run/secrets/tokens/oidc-token",
          "AWS_WEB_IDENTITY_TOKEN_FILE",
          "/var/run/secrets/eks/token",
          "AWS_ROLE_ARN",
          "arn:aws:iam::1:role/r",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          "/v2/credentials/x");

  private static CredentialSource choose(S3Config config, Map<String, String> env) {
    CredentialSource s = S3CredentialChain.choose(config, env::get);
    s.close();
    return s;
  }

  private static S3Config config() {
    return S3ObjectStore.builder("traces").endpoint("minio:9000").toConfig();
  }

  private static Map<String, String> without(String... prefixes) {
    Map<String, String> env = new HashMap<>(ALL);
    env.keySet()
        .removeIf(
            k -> {
              for (String p : prefixes) {
                if (k.startsWith(p)) {
                  return true;
                }
              }
              return false;
            });
    return env;
  }

  @Test
  void configuredKeysWinOverEverything() {
    S3Config c =
        S3ObjectStore.builder("traces")
            .endpoint("minio:9000")
            .accessKey("AKIDCFG")
            .secretKey("cfg")
            .toConfig();
    CredentialSource s = choose(c, ALL);

    assertThat(s.description()).isEqualTo("access_key/secret_key from the configuration");
    assertThat(s.provider().resolveCredentials().accessKeyId()).isEqualTo("AKIDCFG");
  }

  @Test
  void thenAwsEnvironmentVariables() {
    CredentialSource s = choose(config(), ALL);

    assertThat(s.description())
        .isEqualTo(
            "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN");
    assertThat(s.provider()).isInstanceOf(StaticCredentialsProvider.class);
    assertThat(s.provider().resolveCredentials())
        .isInstanceOfSatisfying(
            AwsSessionCredentials.class, c -> assertThat(c.sessionToken()).isEqualTo("env-token"));
    assertThat(s.invalidate()).isFalse();
  }

  @Test
  void thenRrsa() {
    CredentialSource s = choose(config(), without("AWS_ACCESS", "AWS_SECRET", "AWS_SESSION"));

    assertThat(s.description())
        .isEqualTo(
            "Alibaba Cloud RRSA (ALIBABA_CLOUD_ROLE_ARN,"
                + " ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)");
    assertThat(s.provider()).isInstanceOf(RrsaCredentialsProvider.class);
    assertThat(s.owned()).isTrue();
  }

  @Test
  void thenWebIdentity() {
    CredentialSource s =
        choose(config(), without("AWS_ACCESS", "AWS_SECRET", "AWS_SESSION", "ALIBABA"));

    assertThat(s.description())
        .isEqualTo("AWS web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)");
    assertThat(s.provider()).isInstanceOf(WebIdentityTokenFileCredentialsProvider.class);
  }

  @Test
  void thenContainerThenInstanceProfile() {
    CredentialSource container =
        choose(
            config(),
            without("AWS_ACCESS", "AWS_SECRET", "AWS_SESSION", "ALIBABA", "AWS_WEB", "AWS_ROLE"));
    CredentialSource instance = choose(config(), Map.of());

    assertThat(container.provider()).isInstanceOf(ContainerCredentialsProvider.class);
    assertThat(instance.provider()).isInstanceOf(InstanceProfileCredentialsProvider.class);
    assertThat(instance.description())
        .isEqualTo("the EC2 instance profile (instance metadata service)");
  }

  @Test
  void partialSourcesFailNamingWhatIsMissing() {
    assertThatThrownBy(() -> choose(config(), Map.of("AWS_ACCESS_KEY_ID", "AKID")))
        .hasMessage(
            "environment: only AWS_ACCESS_KEY_ID is set (expected: both AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY)");
    assertThatThrownBy(() -> choose(config(), Map.of("AWS_ROLE_ARN", "arn:aws:iam::1:role/r")))
        .hasMessage(
            "environment: only AWS_ROLE_ARN is set (expected: both AWS_WEB_IDENTITY_TOKEN_FILE and"
                + " AWS_ROLE_ARN)");
    assertThatThrownBy(
            () -> choose(config(), Map.of("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/writer")))
        .hasMessageContaining("ALIBABA_CLOUD_OIDC_PROVIDER_ARN")
        .hasMessageContaining("ALIBABA_CLOUD_OIDC_TOKEN_FILE");
    assertThatThrownBy(() -> choose(config(), Map.of("AWS_EC2_METADATA_DISABLED", "true")))
        .hasMessageStartingWith("S3 credentials: none found (expected: access_key and secret_key,");
  }

  @Test
  void theChosenSourceIsLoggedWithoutValues() {
    try (LogCapture logs = LogCapture.start()) {
      S3ObjectStore.builder("traces").endpoint("minio:9000").environment(ALL).build().close();

      assertThat(logs.lines())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains(
                          "S3 object store for bucket traces uses credentials from environment"
                              + " variables"
                              + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN"));
      assertThat(String.join("\n", logs.lines()))
          .doesNotContain("AKIDENV", "env-secret", "env-token");
    }
  }
}
