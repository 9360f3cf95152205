package dev.vivace.credentials.rrsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {

  static final Instant R = Instant.parse("2026-11-29T05:00:00Z");

  static RefreshPolicy policy(double random) {
    return new RefreshPolicy(
        Clock.fixed(R, ZoneOffset.UTC),
        () -> random,
        Duration.ofSeconds(5),
        Duration.ofSeconds(20));
  }

  static StsCredentials expiringIn(Duration d) {
    return new StsCredentials("STS.id", "secret", "token", R.plus(d), "REQ");
  }

  @Test
  void oneHourCredentials() throws Exception {
    Snapshot s = policy(0).snapshot(expiringIn(Duration.ofHours(1)), R);
    assertThat(s.refreshAt()).isEqualTo(R.plusSeconds(2700));
    assertThat(s.staleAt()).isEqualTo(R.plusSeconds(3480));
    assertThat(s.hardExpiry()).isEqualTo(R.plusSeconds(3570));
    assertThat(policy(1).snapshot(expiringIn(Duration.ofHours(1)), R).refreshAt())
        .isEqualTo(R.plusSeconds(2640));
  }

  @Test
  void fifteenMinuteCredentials() throws Exception {
    Snapshot s = policy(1).snapshot(expiringIn(Duration.ofSeconds(900)), R);
    assertThat(s.refreshAt()).isEqualTo(R.plusSeconds(450 - 45));
    assertThat(s.staleAt()).isEqualTo(R.plusSeconds(810));
    assertThat(s.hardExpiry()).isEqualTo(R.plusSeconds(870));
  }

  @Test
  void shortLifetimesKeepTheOrder() throws Exception {
    Snapshot s = policy(1).snapshot(expiringIn(Duration.ofSeconds(40)), R);
    assertThat(s.refreshAt()).isBeforeOrEqualTo(s.staleAt());
    assertThat(s.staleAt()).isBeforeOrEqualTo(s.hardExpiry());
    assertThat(s.hardExpiry()).isEqualTo(R.plusSeconds(10));
  }

  @Test
  void alreadyExpiredIsAClockProblem() {
    assertThatThrownBy(() -> policy(0).snapshot(expiringIn(Duration.ofSeconds(30)), R))
        .isInstanceOfSatisfying(
            StsCallException.class,
            e -> {
              assertThat(e.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
              assertThat(e.code()).isEqualTo("Response.AlreadyExpired");
            })
        .hasMessage(
            "STS issued credentials expiring at 2026-11-29T05:00:30Z, less than 30 s after the"
                + " local time 2026-11-29T05:00:00Z (requestId=REQ); check the clock of this host");
  }

  @Test
  void backoffByClass() {
    RefreshPolicy low = policy(0);
    RefreshPolicy high = policy(1);
    assertThat(low.backoff(ErrorClass.TRANSIENT, 1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(high.backoff(ErrorClass.TRANSIENT, 3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(high.backoff(ErrorClass.TRANSIENT, 40)).isEqualTo(Duration.ofSeconds(60));
    assertThat(low.backoff(ErrorClass.THROTTLED, 1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(high.backoff(ErrorClass.THROTTLED, 2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(low.backoff(ErrorClass.TOKEN, 9)).isEqualTo(Duration.ofSeconds(5));
    assertThat(high.backoff(ErrorClass.TOKEN, 9)).isEqualTo(Duration.ofSeconds(60));
    assertThat(high.backoff(ErrorClass.CONFIGURATION, 1)).isEqualTo(Duration.ofMinutes(5));
    assertThat(high.backoff(ErrorClass.PERMANENT, 1)).isNull();
  }

  @Test
  void classificationByCode() {
    assertThat(ErrorClass.of("Throttling.User", false)).isEqualTo(ErrorClass.THROTTLED);
    assertThat(ErrorClass.of("Throttling", false)).isEqualTo(ErrorClass.THROTTLED);
    assertThat(ErrorClass.of("AuthenticationFail.OIDCToken.Expired", false))
        .isEqualTo(ErrorClass.TOKEN);
    assertThat(ErrorClass.of("AuthenticationFail.OIDCToken.Invalid", false))
        .isEqualTo(ErrorClass.TOKEN);
    assertThat(ErrorClass.of("AuthenticationFail.OIDCToken.IssuerNotMatch", false))
        .isEqualTo(ErrorClass.CONFIGURATION);
    assertThat(ErrorClass.of("EntityNotExist.Role", false)).isEqualTo(ErrorClass.CONFIGURATION);
    assertThat(ErrorClass.of("SDK.ServerUnreachable", false)).isEqualTo(ErrorClass.TRANSIENT);
    assertThat(ErrorClass.of("Whatever", true)).isEqualTo(ErrorClass.TRANSIENT);
    assertThat(ErrorClass.of("InvalidParameter.RoleSessionName", false))
        .isEqualTo(ErrorClass.PERMANENT);
  }
}
