package dev.vivace.credentials.rrsa;

import static dev.vivace.credentials.rrsa.Rrsa.START;
import static dev.vivace.credentials.rrsa.RrsaCredentialsProviderTest.assertIs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.StsEmulatorExtension;
import dev.vivace.testing.sts.StsFault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * While STS fails, the whole provider makes at most one call per backoff step: callers that need
 * credentials during the backoff fail at once instead of calling STS themselves, and callers that
 * arrive together share one call. Many threads call {@code resolveCredentials()} at each simulated
 * instant; the fake clock and scheduler stand in for time, and the emulator for STS.
 */
class RrsaSharedBackoffTest {

  static final EmulatorHarness h = new EmulatorHarness();
  @RegisterExtension static final StsEmulatorExtension server = h.server;
  @RegisterExtension static final LogCapture logs = h.logs;

  static final int THREADS = 8;

  @TempDir Path dir;
  RrsaCredentialsProvider provider;
  ExecutorService pool;

  /** When each STS call arrived. */
  final List<Instant> calls = new ArrayList<>();

  /** When, after each call, the provider had scheduled the next attempt. */
  final List<Instant> nextAttempts = new ArrayList<>();

  /** What callers got: credentials, or the exception they were refused with. */
  final List<AwsCredentials> served = new ArrayList<>();

  final List<RuntimeException> refused = new ArrayList<>();

  @BeforeEach
  void setUp() {
    h.reset(dir);
    pool = Executors.newFixedThreadPool(32);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void callersWithoutCredentialsWaitForTheBackoff() {
    provider = h.provider();
    h.sts.outage(StsFault.SERVICE_UNAVAILABLE);

    simulate(Duration.ofSeconds(65), Duration.ofMillis(500), true);

    // The backoff with random fixed at 0.5: 1, 1.5, 2.5, 4.5, 8.5, 16.5, 30.5 s (capped).
    assertThat(calls)
        .containsExactly(
            at(0), at(1_000), at(2_500), at(5_000), at(9_500), at(18_000), at(34_500), at(65_000));
    assertEachCallWaitedForTheBackoff(1);
    assertThat(served).isEmpty();
    assertThat(refused).hasSize(131 * THREADS);
    assertThat(refused).allSatisfy(e -> assertRefusedBecause(e, "code=ServiceUnavailable"));
  }

  @Test
  void expiredCredentialsDoNotTurnCallersIntoExtraCalls() {
    provider = h.provider();
    provider.resolveCredentials();
    h.sts.outage(StsFault.SERVICE_UNAVAILABLE);
    // The background schedule has been failing since refreshAt; its backoff is at the cap.
    h.scheduler.advance(Duration.ofSeconds(3600 - 30));
    observe();
    int before = calls.size();

    simulate(Duration.ofSeconds(65), Duration.ofMillis(500), true);

    assertThat(calls.size() - before).isBetween(2, 3);
    assertEachCallWaitedForTheBackoff(before);
    assertThat(served).isEmpty();
    assertThat(refused).hasSize(131 * THREADS);
    assertThat(refused)
        .allSatisfy(
            e ->
                assertRefusedBecause(e, "code=ServiceUnavailable")
                    .hasMessageEndingWith(
                        " (the last credentials were valid until 2026-11-29T05:59:30Z)"));
  }

  @Test
  void recoveryComesWithTheNextScheduledStepAndReachesEveryCaller() {
    recoveryComesWithTheNextStep(true);
  }

  /** The refresh thread starved: the first caller after the backoff makes the call. */
  @Test
  void recoveryComesWithTheFirstCallerAfterTheStep() {
    recoveryComesWithTheNextStep(false);
  }

  void recoveryComesWithTheNextStep(boolean timersRun) {
    provider = h.provider();
    h.sts.outage(StsFault.SERVICE_UNAVAILABLE);
    simulate(Duration.ofSeconds(20), Duration.ofMillis(500), timersRun);
    assertThat(calls).hasSize(6); // 0, 1, 2.5, 5, 9.5, 18 s: the next step is at 34.5 s
    int before = calls.size();

    h.sts.recover();
    simulate(Duration.ofSeconds(14), Duration.ofMillis(500), timersRun);
    assertThat(calls).hasSize(before);
    assertThat(served).isEmpty();

    simulate(Duration.ofSeconds(10), Duration.ofMillis(500), timersRun);
    assertThat(calls).hasSize(before + 1);
    assertThat(calls.get(before)).isEqualTo(at(34_500));
    assertThat(served).isNotEmpty().allSatisfy(c -> assertIs(c, onlyIssued()));
    assertThat(provider.status().consecutiveFailures()).isZero();
  }

  @Test
  void concurrentCallersShareOneCallPerStep() {
    provider = h.provider(b -> b.readTimeout(Duration.ofMillis(300)));
    h.sts.outage(StsFault.SLOW);
    int threads = 32;

    // Each call lasts the read timeout; the callers that arrive meanwhile join it.
    callers(threads);
    assertThat(h.requests()).hasSize(1);
    h.clock.advance(Duration.ofSeconds(1)); // the first backoff step, the schedule starved
    callers(threads);
    assertThat(h.requests()).hasSize(2);
    h.clock.advance(Duration.ofMillis(1_200)); // inside the second step (1.5 s)
    callers(threads);
    assertThat(h.requests()).hasSize(2);
    h.clock.advance(Duration.ofMillis(300));
    callers(threads);
    assertThat(h.requests()).hasSize(3);
    assertThat(refused).hasSize(4 * threads);
    assertThat(refused).allSatisfy(e -> assertRefusedBecause(e, "code=SDK."));

    h.sts.recover();
    h.clock.advance(Duration.ofMillis(2_500));
    callers(threads);
    assertThat(h.requests()).hasSize(4);
    IssuedCredentials issued = h.sts.issued().get(h.sts.issued().size() - 1);
    assertThat(served).hasSize(threads).allSatisfy(c -> assertIs(c, issued));
  }

  @Test
  void rejectedParametersAreNotRetriedByCallers() {
    provider = h.provider();
    provider.resolveCredentials();
    h.sts.outage(StsFault.DURATION_REJECTED);
    observe();

    // From refreshAt through staleAt and expiry: only the scheduled refresh calls STS.
    simulate(Duration.ofMinutes(70), Duration.ofSeconds(10), true);

    assertThat(calls).hasSize(2);
    assertThat(h.scheduler.pending()).isZero();
    assertThat(served).allSatisfy(c -> assertIs(c, h.issued(0)));
    assertThat(refused)
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertRefusedBecause(e, "code=InvalidParameter.DurationSeconds")
                    .hasMessageContaining(
                        "fix the provider configuration; this will not succeed on retry"));
  }

  @Test
  void invalidateDuringTheBackoffLeavesTheCallToTheSchedule() {
    provider = h.provider();
    provider.resolveCredentials();
    h.sts.outage(StsFault.SERVICE_UNAVAILABLE);
    h.scheduler.advance(Duration.ofSeconds(2_670 + 10));
    int before = h.requests().size();
    Instant next = h.scheduler.nextDue().orElseThrow();

    assertThat(provider.invalidate()).isFalse();

    assertThat(h.requests()).hasSize(before);
    assertThatThrownBy(provider::resolveCredentials)
        .isInstanceOf(SdkClientException.class)
        .hasMessageContaining("code=ServiceUnavailable");
    assertThat(h.requests()).hasSize(before);
    h.sts.recover();
    h.scheduler.advance(Duration.between(h.clock.instant(), next));
    assertThat(h.requests()).hasSize(before + 1);
    assertIs(provider.resolveCredentials(), h.issued(1));
  }

  static Instant at(long millis) {
    return START.plusMillis(millis);
  }

  IssuedCredentials onlyIssued() {
    assertThat(h.sts.issued()).hasSize(1);
    return h.issued(0);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertRefusedBecause(
      RuntimeException e, String code) {
    return assertThat(e)
        .isInstanceOf(SdkClientException.class)
        .hasMessageStartingWith(
            "No valid RRSA credentials: STS AssumeRoleWithOIDC at http://" + server.endpoint())
        .hasMessageContaining(code);
  }

  /**
   * Lets {@code length} of fake time pass. Every {@code every}, {@link #THREADS} callers ask for
   * credentials at once. With {@code timersRun}, scheduled attempts run at their due time; without,
   * the schedule is starved and only callers can start an attempt.
   */
  void simulate(Duration length, Duration every, boolean timersRun) {
    Instant end = h.clock.instant().plus(length);
    for (Instant t = h.clock.instant(); !t.isAfter(end); t = t.plus(every)) {
      if (timersRun) {
        runTimersUntil(t);
      } else {
        h.clock.set(t);
      }
      callers(THREADS);
      observe();
    }
  }

  /** Advances to {@code t}, stopping at each due task so that the time of each call is known. */
  void runTimersUntil(Instant t) {
    for (Optional<Instant> due = h.scheduler.nextDue();
        due.isPresent() && !due.get().isAfter(t);
        due = h.scheduler.nextDue()) {
      h.scheduler.advance(Duration.between(h.clock.instant(), due.get()));
      observe();
    }
    h.scheduler.advance(Duration.between(h.clock.instant(), t));
  }

  /** {@code n} threads call {@code resolveCredentials()} together; outcomes are collected. */
  void callers(int n) {
    for (CompletableFuture<AwsCredentials> r :
        ConcurrentCalls.start(pool, n, provider::resolveCredentials)) {
      try {
        served.add(r.join());
      } catch (CompletionException e) {
        refused.add((RuntimeException) e.getCause());
      }
    }
  }

  /** Notes the STS calls made since the last look, at the current fake time. */
  void observe() {
    int n = h.requests().size();
    while (calls.size() < n) {
      calls.add(h.clock.instant());
      nextAttempts.add(h.scheduler.nextDue().orElse(Instant.MAX));
    }
  }

  /** Each call from index {@code from} on came no earlier than the attempt scheduled before it. */
  void assertEachCallWaitedForTheBackoff(int from) {
    assertThat(from).isPositive();
    for (int i = from; i < calls.size(); i++) {
      assertThat(calls.get(i))
          .as("STS call %d of %s, scheduled attempts %s", i, calls, nextAttempts)
          .isAfterOrEqualTo(nextAttempts.get(i - 1));
    }
  }
}
