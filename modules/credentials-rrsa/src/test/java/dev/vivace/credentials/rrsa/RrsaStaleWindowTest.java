package dev.vivace.credentials.rrsa;

import static dev.vivace.credentials.rrsa.Rrsa.START;
import static dev.vivace.credentials.rrsa.RrsaCredentialsProviderTest.assertIs;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Between staleAt and hardExpiry callers may wait for a refresh; if it fails they still get the
 * valid credentials. The clock is moved without running the scheduled refresh, as if the refresh
 * thread were starved.
 */
class RrsaStaleWindowTest {

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
    provider.close();
  }

  @Test
  void callerRefreshesPastStaleAt() {
    provider = h.provider();
    provider.resolveCredentials();
    h.clock.advance(Duration.ofSeconds(3479));
    assertIs(provider.resolveCredentials(), h.issued(0));
    assertThat(h.requests()).hasSize(1);

    h.clock.advance(Duration.ofSeconds(1));
    h.rotate();
    assertIs(provider.resolveCredentials(), h.issued(1));
    assertThat(h.requests()).hasSize(2);
  }

  @Test
  void failedRefreshPastStaleAtServesTheStillValidCredentials() {
    provider = h.provider();
    provider.resolveCredentials();
    h.clock.advance(Duration.ofSeconds(3500));
    h.rotate();
    h.sts.failNext(StsFault.INTERNAL_ERROR, 1);

    assertIs(provider.resolveCredentials(), h.issued(0));
    assertThat(h.requests()).hasSize(2);
    // Backing off now: no call per request.
    assertIs(provider.resolveCredentials(), h.issued(0));
    assertThat(h.requests()).hasSize(2);
    assertThat(logs.lines())
        .anyMatch(l -> l.contains("serving credentials valid until 2026-11-29T05:59:30Z"));
  }

  @Test
  void fifteenMinuteSessionsRefreshAtHalfTheirLife() {
    h.sts.reset();
    provider = h.provider(b -> b.durationSeconds(900));
    provider.resolveCredentials();

    // E - min(15 min, L/2) - 0.5 * min(60 s, L/20) = START + 900 - 450 - 22.5 s
    assertThat(provider.status().refreshAt()).isEqualTo(START.plusMillis(427_500));
    h.scheduler.advance(Duration.ofMillis(427_499));
    assertThat(h.requests()).hasSize(1);
    h.scheduler.advance(Duration.ofMillis(1));
    assertThat(h.requests()).hasSize(2);
  }
}
