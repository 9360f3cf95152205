package dev.vivace.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.credentials.rrsa.RrsaCredentialsProvider;
import dev.vivace.storage.StorageException;
import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.s3.RecordedS3Request;
import dev.vivace.testing.s3.S3Emulator;
import dev.vivace.testing.s3.S3EmulatorExtension;
import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.MutableClock;
import dev.vivace.testing.sts.OidcTokens;
import dev.vivace.testing.sts.StsEmulator;
import dev.vivace.testing.sts.StsEmulatorExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider to S3, end to end: the store's only credentials come from {@link
 * RrsaCredentialsProvider} against the STS emulator, and s3proxy accepts only what that emulator
 * issued (verifying signatures, session tokens and expiry). Every test also scans its logs for
 * tokens and secrets.
 */
class RrsaEndToEndTest {

  static final OidcTokens tokens = OidcTokens.generate(Clock.systemUTC());
  static final StsEmulator sts = RrsaFixtures.sts(tokens, Clock.systemUTC());

  /** The S3 side's clock, so a test can make the store think credentials expired. */
  static final MutableClock s3Clock = new MutableClock(Instant.now());

  static final S3Emulator emulator =
      S3Emulator.builder().sts(sts).bucket(S3Fixtures.BUCKET).clock(s3Clock).build();

  @RegisterExtension static final StsEmulatorExtension stsServer = new StsEmulatorExtension(sts);
  @RegisterExtension static final S3EmulatorExtension s3 = new S3EmulatorExtension(emulator);

  @TempDir Path dir;
  LogCapture logs;
  RrsaCredentialsProvider rrsa;
  S3ObjectStore store;

  @BeforeEach
  void start() {
    sts.reset();
    emulator.reset();
    s3Clock.set(Instant.now());
    logs = LogCapture.start();
    rrsa = RrsaFixtures.provider(tokens, stsServer, dir);
    store = S3Fixtures.builder(s3).credentialsProvider(rrsa).prefix("e2e").build();
  }

  @AfterEach
  void stop() {
    store.close();
    rrsa.close();
    logs.close();
    logs.assertNoSecrets(RrsaFixtures.secrets(tokens, sts));
  }

  @Test
  void writesAndReadsWithRrsaCredentialsOnly() {
    byte[] big = S3ObjectStoreBehaviourTest.random((int) S3Config.MIN_PART_SIZE + 100);
    store.put("t/b/meta.json", new byte[] {1, 2, 3});
    store.put("t/b/data.parquet", big);

    assertThat(store.get("t/b/meta.json")).containsExactly(1, 2, 3);
    assertThat(store.getRange("t/b/data.parquet", 5, 3)).containsExactly(big[5], big[6], big[7]);
    assertThat(store.list("t/")).containsExactly("t/b/data.parquet", "t/b/meta.json");
    store.delete("t/b/meta.json");
    store.check();

    assertThat(sts.requests()).hasSize(1);
    String issued = sts.issued().get(0).accessKeyId();
    assertThat(emulator.requests())
        .hasSizeGreaterThan(6)
        .allSatisfy(r -> assertThat(r.accessKeyId()).isEqualTo(issued))
        .allSatisfy(r -> assertThat(r.headerNames()).contains("x-amz-security-token"))
        .allSatisfy(r -> assertThat(r.status()).isLessThan(300));
    assertThat(store.toString())
        .contains(
            "credentials=the credentials provider set on the builder"
                + " (RrsaCredentialsProvider)");
  }

  @Test
  void rejectedCredentialsAreRefreshedAndTheRequestRetriedOnce() {
    store.put("a", new byte[] {1});
    IssuedCredentials first = sts.issued().get(0);
    emulator.revoke(first.accessKeyId());

    assertThat(store.get("a")).containsExactly(1);

    assertThat(sts.issued()).hasSize(2);
    assertThat(emulator.requests())
        .extracting(RecordedS3Request::status)
        .containsExactly(200, 403, 200);
    assertThat(emulator.requests().get(2).accessKeyId())
        .isEqualTo(sts.issued().get(1).accessKeyId());
  }

  @Test
  void expiredCredentialsAreRefusedWithAClearError() {
    store.put("a", new byte[] {1});
    s3Clock.set(
        Instant.now().plus(Duration.ofHours(2))); // the store's view: every credential has expired

    assertThatThrownBy(() -> store.get("a"))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("get a failed (status 403, code SecurityTokenExpired,");
    assertThat(sts.issued()).as("one refresh, then one retry").hasSize(2);
    assertThat(emulator.requests())
        .extracting(RecordedS3Request::status)
        .containsExactly(200, 403, 403);

    s3Clock.set(Instant.now());
    assertThat(store.get("a")).containsExactly(1);
    assertThat(
            emulator.requests().stream()
                .map(RecordedS3Request::accessKeyId)
                .collect(Collectors.toSet()))
        .hasSize(2);
  }
}
