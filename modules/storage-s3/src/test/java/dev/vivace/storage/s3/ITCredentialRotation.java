package dev.vivace.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vivace.credentials.rrsa.RrsaCredentialsProvider;
import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.s3.RecordedS3Request;
import dev.vivace.testing.s3.S3Emulator;
import dev.vivace.testing.s3.S3EmulatorExtension;
import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.OidcTokens;
import dev.vivace.testing.sts.StsEmulator;
import dev.vivace.testing.sts.StsEmulatorExtension;
import dev.vivace.testing.sts.StsFault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credential rotation under load, in real time, with short-lived STS credentials: STS issues
 * 900-second sessions whose {@code Expiration} the emulator moves {@value #LIFETIME_SECONDS}
 * seconds after issue (STS's minimum is 900 s; the provider's timing rules scale with the lifetime,
 * see README). s3proxy accepts only credentials the emulator issued and that have not expired.
 * Phases, with one load running throughout:
 *
 * <ol>
 *   <li>a healthy rotation: zero failed object requests;
 *   <li>STS down for half a lifetime, right after a rotation, so the next rotation has to get
 *       through it: still zero failed object requests, and the store never sees a refused request;
 *   <li>STS down past the moment the provider stops handing out the last credentials: object
 *       requests fail with an error naming the STS failure, then recover without a restart once STS
 *       answers again.
 * </ol>
 *
 * All logs of the run are scanned for OIDC tokens, secrets and security tokens.
 */
class ITCredentialRotation {

  static final long LIFETIME_SECONDS = 80;
  static final Duration LIFETIME = Duration.ofSeconds(LIFETIME_SECONDS);

  /**
   * The provider never hands out credentials in their last 30 seconds (credentials-rrsa README).
   */
  static final Duration PROVIDER_MARGIN = Duration.ofSeconds(30);

  /** The longest backoff step of the provider (credentials-rrsa README). */
  static final Duration RECOVERY = Duration.ofSeconds(60);

  static final OidcTokens tokens = OidcTokens.generate(Clock.systemUTC());
  static final StsEmulator sts = RrsaFixtures.sts(tokens, Clock.systemUTC());
  static final S3Emulator emulator =
      S3Emulator.builder().sts(sts).bucket(S3Fixtures.BUCKET).build();

  @RegisterExtension static final StsEmulatorExtension stsServer = new StsEmulatorExtension(sts);
  @RegisterExtension static final S3EmulatorExtension s3 = new S3EmulatorExtension(emulator);

  @TempDir Path dir;

  @Test
  void rotationUnderLoadAndStsOutages() throws Exception {
    sts.expirationOffset(LIFETIME.minusSeconds(900));
    try (LogCapture logs = LogCapture.start();
        RrsaCredentialsProvider rrsa = RrsaFixtures.provider(tokens, stsServer, dir);
        S3ObjectStore store = S3Fixtures.builder(s3).credentialsProvider(rrsa).build()) {
      store.put("warm-up", new byte[1]);
      try (Load load = new Load(store, 2, Duration.ofMinutes(6))) {
        load.start();

        // 1. A healthy rotation.
        await().atMost(LIFETIME).until(() -> sts.issued().size() == 2);
        assertThat(load.failures()).isEmpty();

        // 2. STS down for half a lifetime, starting right after that rotation; the next one must
        // get through.
        sts.outage(StsFault.SERVICE_UNAVAILABLE);
        await()
            .during(LIFETIME.dividedBy(2))
            .atMost(LIFETIME)
            .until(() -> load.failures().isEmpty());
        sts.recover();
        await().atMost(Duration.ofSeconds(20)).until(() -> sts.issued().size() == 3);
        assertThat(load.failures()).isEmpty();
        assertThat(emulator.requests()).allSatisfy(r -> assertThat(r.status()).isLessThan(300));

        // 3. STS down past the expiry of the last credentials.
        IssuedCredentials last = sts.issued().get(2);
        Instant servedUntil = last.expiration().minus(PROVIDER_MARGIN);
        sts.outage(StsFault.SERVICE_UNAVAILABLE);
        await().atMost(LIFETIME).until(() -> !load.failures().isEmpty());
        Load.Failure first = load.failures().get(0);
        assertThat(first.at()).isAfterOrEqualTo(servedUntil.minusSeconds(2));
        assertThat(first.message()).contains("No valid RRSA credentials", "ServiceUnavailable");
        assertThat(emulator.requests())
            .as("no request went out with expired credentials")
            .allSatisfy(r -> assertThat(r.status()).isLessThan(300));

        Instant recovered = Instant.now();
        sts.recover();
        // Callers share the provider's backoff instead of each calling STS: the next attempt
        // comes at the latest one backoff step (60 s at most) after STS answers again.
        await().atMost(RECOVERY.plusSeconds(5)).until(() -> load.lastSuccess().isAfter(recovered));
        assertThat(sts.issued()).hasSize(4);
        long successes = load.successes();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.successes() > successes + 20);
        assertThat(load.failures())
            .allSatisfy(
                f ->
                    assertThat(f.at())
                        .isBetween(
                            servedUntil.minusSeconds(2), recovered.plus(RECOVERY).plusSeconds(5)));
      }
      assertThat(emulator.requests())
          .extracting(RecordedS3Request::accessKeyId)
          .allMatch(ak -> sts.lookup(ak).isPresent());
      logs.close();
      logs.assertNoSecrets(RrsaFixtures.secrets(tokens, sts));
      assertThat(logs.lines())
          .anySatisfy(l -> assertThat(l).contains("RRSA credentials refresh failed"));
    }
  }
}
