package dev.vivace.credentials.rrsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Configuration from the environment and the builder; errors name what to set. No I/O happens. */
class RrsaConfigTest {

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("ALIBABA_CLOUD_ROLE_ARN", Rrsa.ROLE_ARN);
    env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", Rrsa.PROVIDER_ARN);
    env.put(
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token");
    return env;
  }

  static RrsaConfig resolve(Map<String, String> env) {
    return resolve(env, b -> b);
  }

  static RrsaConfig resolve(
      Map<String, String> env, UnaryOperator<RrsaCredentialsProviderBuilder> edit) {
    RrsaCredentialsProviderBuilder b = edit.apply(RrsaCredentialsProvider.builder());
    return RrsaConfig.resolve(b, env::get);
  }

  @Test
  void readsTheWebhookVariables() {
    Map<String, String> env = env();
    env.put("ALIBABA_CLOUD_STS_ENDPOINT", "sts-vpc.cn-hangzhou.aliyuncs.com");
    env.put("ALIBABA_CLOUD_ROLE_SESSION_NAME", "uploader on pod/1");

    RrsaConfig c = resolve(env);

    assertThat(c.roleArn()).isEqualTo(Rrsa.ROLE_ARN);
    assertThat(c.oidcProviderArn()).isEqualTo(Rrsa.PROVIDER_ARN);
    assertThat(c.tokenFile())
        .isEqualTo(Path.of("/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token"));
    assertThat(c.tokenFileSource()).isEqualTo("ALIBABA_CLOUD_OIDC_TOKEN_FILE");
    assertThat(c.endpoint()).hasToString("https://sts-vpc.cn-hangzhou.aliyuncs.com");
    assertThat(c.roleSessionName()).isEqualTo("uploader-on-pod-1");
    assertThat(c.durationSeconds()).isEqualTo(3600);
    assertThat(c.policy()).isNull();
  }

  @Test
  void builderWinsOverEnvironment() {
    RrsaConfig c =
        resolve(
            env(),
            b ->
                b.roleArn("acs:ram::2:role/other")
                    .oidcTokenFile(Path.of("/t"))
                    .roleSessionName("explicit")
                    .durationSeconds(900)
                    .policy("{\"Statement\":[]}"));
    assertThat(c.roleArn()).isEqualTo("acs:ram::2:role/other");
    assertThat(c.tokenFile()).isEqualTo(Path.of("/t"));
    assertThat(c.tokenFileSource()).isEqualTo("oidcTokenFile");
    assertThat(c.roleSessionName()).isEqualTo("explicit");
    assertThat(c.durationSeconds()).isEqualTo(900);
  }

  @Test
  void nothingConfigured() {
    assertThatThrownBy(() -> resolve(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "RRSA is not configured: set ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN"
                + " and ALIBABA_CLOUD_OIDC_TOKEN_FILE (the ACK pod-identity webhook injects them),"
                + " or set roleArn, oidcProviderArn and oidcTokenFile on the builder");
    assertThat(RrsaCredentialsProvider.isConfigured(Map.<String, String>of()::get)).isFalse();
    assertThat(RrsaCredentialsProvider.isConfigured(env()::get)).isTrue();
  }

  @Test
  void partialEnvironmentNamesTheMissingVariables() {
    Map<String, String> env = env();
    env.remove("ALIBABA_CLOUD_OIDC_TOKEN_FILE");
    env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "  ");

    assertThatThrownBy(() -> resolve(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "RRSA is configured only in part: missing ALIBABA_CLOUD_OIDC_PROVIDER_ARN,"
                + " ALIBABA_CLOUD_OIDC_TOKEN_FILE. A partial set usually means the pod was not"
                + " injected correctly; all of ALIBABA_CLOUD_ROLE_ARN,"
                + " ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are"
                + " required");
  }

  @Test
  void malformedArnsNameTheirSource() {
    Map<String, String> env = env();
    env.put("ALIBABA_CLOUD_ROLE_ARN", "arn:aws:iam::1:role/x");
    assertThatThrownBy(() -> resolve(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ALIBABA_CLOUD_ROLE_ARN: arn:aws:iam::1:role/x (expected:"
                + " acs:ram::<account-id>:role/<role-name>)");
    assertThatThrownBy(() -> resolve(env(), b -> b.oidcProviderArn(Rrsa.ROLE_ARN)))
        .hasMessage(
            "oidcProviderArn: "
                + Rrsa.ROLE_ARN
                + " (expected: acs:ram::<account-id>:oidc-provider/<provider-name>)");
  }

  @Test
  void endpointPrecedence() {
    Map<String, String> env = env();
    assertThat(resolve(env).endpoint()).hasToString("https://sts.aliyuncs.com");
    env.put("ALIBABA_CLOUD_STS_REGION", "cn-shanghai");
    assertThat(resolve(env).endpoint()).hasToString("https://sts.cn-shanghai.aliyuncs.com");
    env.put("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "TRUE");
    assertThat(resolve(env).endpoint()).hasToString("https://sts-vpc.cn-shanghai.aliyuncs.com");
    env.put("ALIBABA_CLOUD_STS_ENDPOINT", "https://sts-vpc.cn-hangzhou.aliyuncs.com/");
    assertThat(resolve(env).endpoint()).hasToString("https://sts-vpc.cn-hangzhou.aliyuncs.com");
    assertThat(resolve(env, b -> b.stsRegion("cn-beijing").vpcEndpoint(false)).endpoint())
        .hasToString("https://sts.cn-beijing.aliyuncs.com");
    assertThat(resolve(env, b -> b.stsEndpoint("127.0.0.1:8080")).endpoint())
        .hasToString("https://127.0.0.1:8080");
  }

  @Test
  void plainHttpNeedsAnExplicitOptIn() {
    Map<String, String> env = env();
    env.put("ALIBABA_CLOUD_STS_ENDPOINT", "http://127.0.0.1:8080");
    assertThatThrownBy(() -> resolve(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ALIBABA_CLOUD_STS_ENDPOINT: http://127.0.0.1:8080 (expected: an https endpoint; plain"
                + " http is only allowed after RrsaCredentialsProviderBuilder.allowHttp(true), for"
                + " tests)");
    assertThat(resolve(env, b -> b.allowHttp(true)).endpoint())
        .hasToString("http://127.0.0.1:8080");
    assertThatThrownBy(() -> resolve(env(), b -> b.stsEndpoint("sts.aliyuncs.com/path")))
        .hasMessage(
            "stsEndpoint: sts.aliyuncs.com/path (expected: host[:port] or https://host[:port], e.g."
                + " sts-vpc.cn-hangzhou.aliyuncs.com)");
  }

  @Test
  void sessionNames() {
    Map<String, String> env = env();
    env.put("HOSTNAME", "vivace-ingester-7d9f");
    assertThat(resolve(env).roleSessionName()).isEqualTo("rrsa-vivace-ingester-7d9f");
    env.put("ALIBABA_CLOUD_ROLE_SESSION_NAME", "x".repeat(70));
    assertThat(resolve(env).roleSessionName()).isEqualTo("x".repeat(64));
    env.put("ALIBABA_CLOUD_ROLE_SESSION_NAME", "é");
    assertThat(resolve(env).roleSessionName()).isEqualTo("--");
    assertThatThrownBy(() -> resolve(env(), b -> b.roleSessionName("has space")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "roleSessionName: has space (expected: 2 to 64 characters from [A-Za-z0-9.@_-])");
  }

  @Test
  void refusesTheGlobalTlsSwitch() {
    Map<String, String> env = env();
    env.put("ALIBABACLOUD_JAVA_CORE_INGNORE_SSL", "yes");
    assertThatThrownBy(() -> resolve(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "ALIBABACLOUD_JAVA_CORE_INGNORE_SSL=yes turns off TLS certificate checks for every"
                + " Alibaba Cloud SDK call in this JVM; unset it");
  }

  @Test
  void builderRangeChecks() {
    RrsaCredentialsProviderBuilder b = RrsaCredentialsProvider.builder();
    assertThatThrownBy(() -> b.durationSeconds(899))
        .hasMessage("durationSeconds: 899 (expected: 900..43200)");
    assertThatThrownBy(() -> b.policy("")).hasMessage("policy: 0 characters (expected: 1..2048)");
    assertThatThrownBy(() -> b.readTimeout(java.time.Duration.ZERO))
        .hasMessage("readTimeout: PT0S (expected: > 0)");
  }

  @Test
  void buildTouchesNoFile() {
    Map<String, String> env = env();
    env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/does/not/exist");
    try (RrsaCredentialsProvider p = RrsaCredentialsProvider.builder().environment(env).build()) {
      assertThat(p.status().consecutiveFailures()).isZero();
      assertThat(p.status().expiration()).isNull();
    }
  }
}
