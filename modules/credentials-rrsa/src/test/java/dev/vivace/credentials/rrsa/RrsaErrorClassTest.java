package dev.vivace.credentials.rrsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.sts.StsEmulatorExtension;
import dev.vivace.testing.sts.StsFault;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Each STS error class gets its own retry behaviour and a message that says what to fix. */
class RrsaErrorClassTest {

  static final EmulatorHarness h = new EmulatorHarness();
  @RegisterExtension static final StsEmulatorExtension server = h.server;
  @RegisterExtension static final LogCapture logs = h.logs;

  @TempDir Path dir;
  RrsaCredentialsProvider provider;

  @BeforeEach
  void setUp() {
    h.reset(dir);
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.close();
    }
  }

  String prefix() {
    return "No valid RRSA credentials: STS AssumeRoleWithOIDC at http://"
        + server.endpoint()
        + " failed: ";
  }

  static String id(String message) {
    return message.replaceAll(".*requestId=([0-9A-F-]{36}).*", "$1");
  }

  @Test
  void throttlingWaitsAtLeastTenSeconds() {
    provider = h.provider();
    provider.resolveCredentials();
    h.sts.failNext(StsFault.THROTTLING, 2);

    h.scheduler.runNext();
    assertThat(provider.status().lastErrorCode()).isEqualTo("Throttling.User");
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofSeconds(10));
    h.scheduler.runNext();
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofSeconds(15));
    h.scheduler.runNext();
    assertThat(provider.status().consecutiveFailures()).isZero();
    assertThat(h.sts.issued()).hasSize(2);
  }

  @Test
  void rejectedTokenIsReReadOnEveryAttempt() {
    provider = h.provider();
    h.sts.failNext(StsFault.TOKEN_EXPIRED, 2);

    assertThatThrownBy(provider::resolveCredentials)
        .isInstanceOf(SdkClientException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        prefix()
                            + "code=AuthenticationFail.OIDCToken.Expired, requestId="
                            + id(e.getMessage())
                            + ", message=This JsonWebToken is expired.; check the projected token"
                            + " file and that the kubelet rotates it"));
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofSeconds(5));
    // During the backoff a second caller gets the same error without another call.
    assertThatThrownBy(provider::resolveCredentials).isInstanceOf(SdkClientException.class);
    assertThat(h.requests()).hasSize(1);

    String rotated = h.rotate();
    h.scheduler.runNext();
    assertThat(h.requests().get(1).form().get("OIDCToken")).isEqualTo(rotated);
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofMillis(7_500));
    h.scheduler.runNext();
    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo(h.issued(0).accessKeyId());
  }

  @Test
  void trustPolicyProblemsRetryEveryFiveMinutesUntilFixed() {
    h.tokenFile.write(h.tokens.mint("storage", "intruder"));
    provider = h.provider();

    assertThatThrownBy(provider::resolveCredentials)
        .isInstanceOf(SdkClientException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        prefix()
                            + "code=AuthenticationFail.NoPermission, requestId="
                            + id(e.getMessage())
                            + ", message=There is no permission.; check the role ARN, the OIDC"
                            + " provider ARN and the role's trust policy"));
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofMinutes(5));
    h.clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(provider::resolveCredentials).isInstanceOf(SdkClientException.class);
    assertThat(h.requests()).hasSize(1);

    h.rotate(); // the operator fixes the service account
    h.scheduler.runNext();
    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo(h.issued(0).accessKeyId());
    assertThat(h.requests()).hasSize(2);
  }

  @Test
  void unknownRoleIsAConfigurationError() {
    provider = h.provider(b -> b.roleArn(Rrsa.ROLE_ARN + "-typo"));
    assertThatThrownBy(provider::resolveCredentials)
        .hasMessageContaining("code=EntityNotExist.Role")
        .hasMessageContaining("message=The role not exists: " + Rrsa.ROLE_ARN + "-typo.");
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofMinutes(5));
  }

  @Test
  void invalidParametersAreNotRetried() {
    provider = h.provider(b -> b.durationSeconds(7200));

    assertThatThrownBy(provider::resolveCredentials)
        .hasMessageContaining("code=InvalidParameter.DurationSeconds")
        .hasMessageEndingWith("fix the provider configuration; this will not succeed on retry");
    assertThat(h.scheduler.pending()).isZero();
    h.clock.advance(Duration.ofMinutes(10));
    assertThatThrownBy(provider::resolveCredentials)
        .hasMessageContaining("InvalidParameter.DurationSeconds");
    assertThat(h.requests()).hasSize(1);
  }

  @Test
  void unreachableStsIsTransientAndTheUrlIsScrubbed() {
    provider = h.provider(b -> b.stsEndpoint("http://127.0.0.1:1"));

    assertThatThrownBy(provider::resolveCredentials)
        .isInstanceOf(SdkClientException.class)
        .hasMessageStartingWith(
            "No valid RRSA credentials: STS AssumeRoleWithOIDC at http://127.0.0.1:1"
                + " failed: code=SDK.ServerUnreachable")
        .hasMessageNotContaining("OIDCToken=")
        .hasMessageNotContaining("RoleArn=");
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofSeconds(1));
    assertThat(provider.status().lastErrorCode()).isEqualTo("SDK.ServerUnreachable");
  }

  @Test
  void unreadableResponsesAreTransientAndNeverQuoted() {
    provider = h.provider();
    h.sts.failNext(StsFault.NO_CONTENT_TYPE, 1);
    h.sts.failNext(StsFault.MALFORMED_BODY, 1);

    assertThatThrownBy(provider::resolveCredentials)
        .hasMessage(
            "No valid RRSA credentials: STS AssumeRoleWithOIDC at http://"
                + server.endpoint()
                + " returned a response that could not be parsed (body not shown); STS could not be"
                + " reached or failed; check the network path to the STS endpoint");
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofSeconds(1));

    h.scheduler.runNext();
    assertThat(provider.status().lastErrorCode())
        .isIn("Response.Unreadable", "Response.Malformed")
        .isNotNull();
    assertThat(provider.status().lastError()).doesNotContain("<html>");
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofMillis(1_500));
    h.scheduler.runNext();
    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo(h.issued(1).accessKeyId());
  }

  @Test
  void slowStsTimesOutAsTransient() {
    provider = h.provider(b -> b.readTimeout(Duration.ofMillis(300)));
    h.sts.failNext(StsFault.SLOW, 1);

    assertThatThrownBy(provider::resolveCredentials).hasMessageContaining("code=SDK.");
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofSeconds(1));
  }

  @Test
  void missingTokenFileNamesTheFileAndTheVariable() {
    provider = h.provider();
    h.tokenFile.delete();

    assertThatThrownBy(provider::resolveCredentials)
        .isInstanceOf(SdkClientException.class)
        .hasMessage(
            "No valid RRSA credentials: OIDC token file "
                + h.tokenFile.path()
                + " (from ALIBABA_CLOUD_OIDC_TOKEN_FILE) does not exist; check the projected"
                + " service-account token volume of the pod");
    assertThat(h.requests()).isEmpty();
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofSeconds(5));
  }
}
