package dev.vivace.credentials.rrsa;

import static dev.vivace.credentials.rrsa.Rrsa.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.RecordedStsRequest;
import dev.vivace.testing.sts.StsEmulatorExtension;
import dev.vivace.testing.sts.StsFault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The provider against the STS emulator; time is a fake clock, scheduling a fake scheduler. */
class RrsaCredentialsProviderTest {

  static final EmulatorHarness h = new EmulatorHarness();
  @RegisterExtension static final StsEmulatorExtension server = h.server;
  @RegisterExtension static final LogCapture logs = h.logs;

  /** With random fixed at 0.5: E - 15 min - 30 s. */
  static final Instant REFRESH_AT = START.plusSeconds(3600 - 900 - 30);

  @TempDir Path dir;
  RrsaCredentialsProvider provider;

  @BeforeEach
  void setUp() {
    h.reset(dir);
    provider = h.provider();
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  static AwsSessionCredentials session(AwsCredentials c) {
    assertThat(c).isInstanceOf(AwsSessionCredentials.class);
    return (AwsSessionCredentials) c;
  }

  static void assertIs(AwsCredentials c, IssuedCredentials issued) {
    AwsSessionCredentials s = session(c);
    assertThat(s.accessKeyId()).isEqualTo(issued.accessKeyId());
    assertThat(s.secretAccessKey()).isEqualTo(issued.accessKeySecret());
    assertThat(s.sessionToken()).isEqualTo(issued.securityToken());
    assertThat(s.expirationTime()).contains(issued.expiration());
    assertThat(s.providerName()).contains("AlibabaRrsa");
  }

  @Test
  void exchangesTheTokenAnonymouslyWithTheTokenInTheBody() throws Exception {
    AwsCredentials c = provider.resolveCredentials();

    assertIs(c, h.issued(0));
    assertThat(h.issued(0).expiration()).isEqualTo(START.plusSeconds(3600));
    RecordedStsRequest r = h.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.query())
        .containsEntry("Action", "AssumeRoleWithOIDC")
        .containsEntry("RoleArn", Rrsa.ROLE_ARN)
        .containsEntry("OIDCProviderArn", Rrsa.PROVIDER_ARN)
        .containsEntry("RoleSessionName", "rrsa-vivace-0")
        .containsEntry("DurationSeconds", "3600")
        .doesNotContainKeys("OIDCToken", "Policy", "Signature", "AccessKeyId", "SecurityToken");
    assertThat(r.form()).containsOnlyKeys("OIDCToken");
    assertThat(r.form().get("OIDCToken"))
        .isEqualTo(java.nio.file.Files.readString(h.tokenFile.path()));

    assertIs(provider.resolveCredentials(), h.issued(0));
    assertThat(h.requests()).hasSize(1);
    assertThat(provider.status().refreshAt()).isEqualTo(REFRESH_AT);
    assertThat(h.scheduler.nextDue()).contains(REFRESH_AT);
  }

  @Test
  void refreshesInTheBackgroundBeforeExpiryWithTheRotatedToken() {
    provider.resolveCredentials();
    h.scheduler.advance(Duration.between(START, REFRESH_AT).minusSeconds(1));
    assertIs(provider.resolveCredentials(), h.issued(0));
    assertThat(h.requests()).hasSize(1);

    String rotated = h.rotate();
    h.scheduler.advance(Duration.ofSeconds(2));

    assertThat(h.requests()).hasSize(2);
    assertThat(h.requests().get(1).form().get("OIDCToken")).isEqualTo(rotated);
    assertIs(provider.resolveCredentials(), h.issued(1));
    assertThat(h.issued(1).expiration()).isEqualTo(REFRESH_AT.plusSeconds(3600));
  }

  @Test
  void keepsServingValidCredentialsWhileStsIsDown() {
    provider.resolveCredentials();
    h.sts.outage(StsFault.SERVICE_UNAVAILABLE);

    h.scheduler.advance(Duration.between(START, REFRESH_AT).plusMillis(500));
    assertThat(h.requests()).hasSize(2);
    assertThat(provider.status().lastErrorCode()).isEqualTo("ServiceUnavailable");
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofSeconds(1));

    // Ten minutes of outage: retries back off up to the 60 s cap; callers never see an error.
    for (int i = 0; i < 60; i++) {
      h.scheduler.advance(Duration.ofSeconds(10));
      assertIs(provider.resolveCredentials(), h.issued(0));
    }
    int attempts = h.requests().size() - 1;
    assertThat(attempts).isBetween(15, 30);
    assertThat(h.scheduler.lastDelay()).contains(Duration.ofMillis(30_500));
    assertThat(provider.status().consecutiveFailures()).isEqualTo(attempts);

    // Past staleAt, still valid: callers get the old credentials without triggering extra calls.
    h.scheduler.advance(Duration.between(h.clock.instant(), START.plusSeconds(3500)));
    int before = h.requests().size();
    assertIs(provider.resolveCredentials(), h.issued(0));
    assertThat(h.requests()).hasSize(before);

    h.sts.recover();
    h.scheduler.runNext();
    assertIs(provider.resolveCredentials(), h.issued(1));
    assertThat(provider.status().consecutiveFailures()).isZero();
  }

  @Test
  void failsClearlyPastExpiryThenRecovers() {
    provider.resolveCredentials();
    h.sts.outage(StsFault.SERVICE_UNAVAILABLE);
    h.scheduler.advance(Duration.ofSeconds(3600 - 30));
    h.rotate();

    assertThatThrownBy(provider::resolveCredentials)
        .isInstanceOf(SdkClientException.class)
        .hasMessageMatching(
            "No valid RRSA credentials: STS AssumeRoleWithOIDC at http://"
                + server.endpoint().replace(".", "\\.")
                + " failed: code=ServiceUnavailable, requestId=[0-9A-F-]{36}, message=The request"
                + " has failed due to a temporary failure of the server\\.; STS could not be"
                + " reached or failed; check the network path to the STS endpoint \\(the last"
                + " credentials were valid until 2026-11-29T05:59:30Z\\)");

    h.sts.recover();
    // Still inside the backoff: callers fail at once and leave STS alone.
    int before = h.requests().size();
    assertThatThrownBy(provider::resolveCredentials).isInstanceOf(SdkClientException.class);
    assertThat(h.requests()).hasSize(before);
    // The backoff over, with the refresh thread starved: the next caller makes the one call.
    h.clock.set(h.scheduler.nextDue().orElseThrow());
    assertIs(provider.resolveCredentials(), h.issued(1));
    assertThat(h.requests()).hasSize(before + 1);
  }

  @Test
  void invalidateFetchesNewCredentialsAtMostEveryTenSeconds() {
    provider.resolveCredentials();

    assertThat(provider.invalidate()).isTrue();
    assertThat(h.requests()).hasSize(2);
    assertIs(provider.resolveCredentials(), h.issued(1));

    assertThat(provider.invalidate()).isFalse();
    assertThat(h.requests()).hasSize(2);

    h.scheduler.advance(Duration.ofSeconds(10));
    assertThat(provider.invalidate()).isTrue();
    assertIs(provider.resolveCredentials(), h.issued(2));
  }

  @Test
  void closeCancelsTheScheduleAndRefusesCalls() {
    provider.resolveCredentials();
    assertThat(h.scheduler.pending()).isEqualTo(1);

    provider.close();

    assertThat(h.scheduler.closed()).isTrue();
    assertThat(h.scheduler.pending()).isZero();
    assertThatThrownBy(provider::resolveCredentials)
        .isInstanceOf(SdkClientException.class)
        .hasMessage("RrsaCredentialsProvider is closed");
    assertThat(provider.invalidate()).isFalse();
  }

  @Test
  void toStringShowsConfigurationOnly() throws Exception {
    provider.resolveCredentials();
    assertThat(provider.toString())
        .isEqualTo(
            "RrsaCredentialsProvider{roleArn="
                + Rrsa.ROLE_ARN
                + ", oidcProviderArn="
                + Rrsa.PROVIDER_ARN
                + ", oidcTokenFile="
                + h.tokenFile.path()
                + ", roleSessionName=rrsa-vivace-0, stsEndpoint=http://"
                + server.endpoint()
                + "}");
    assertThat(provider.status().toString()).doesNotContain(h.issued(0).accessKeySecret());
  }
}
