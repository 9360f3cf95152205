package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The timing rules of spec section 4.2. With {@code E} the server expiration and {@code L} the
 * lifetime seen on the local clock: refresh in the background at {@code E - min(15 min, L/2) - U[0,
 * min(60 s, L/20)]}, let callers wait from {@code E - min(2 min, L/10)}, never hand out after
 * {@code E - 30 s}.
 */
record RefreshPolicy(
    Clock clock, DoubleSupplier random, Duration blockingWait, Duration noCredentialsWait) {

  static final Duration MAX_LEAD = Duration.ofMinutes(15);
  static final Duration MAX_JITTER = Duration.ofSeconds(60);
  static final Duration MAX_STALE_LEAD = Duration.ofMinutes(2);
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
  static final Duration MIN_REFRESH_SPACING = Duration.ofSeconds(30);
  static final Duration INVALIDATE_INTERVAL = Duration.ofSeconds(10);
  static final Duration SHORT_LIFETIME = Duration.ofMinutes(5);
  static final Duration ALERT_AFTER = Duration.ofMinutes(5);
  static final Duration CONFIGURATION_RETRY = Duration.ofMinutes(5);

  RefreshPolicy {
    requireNonNull(clock, "clock");
    requireNonNull(random, "random");
    requireNonNull(blockingWait, "blockingWait");
    requireNonNull(noCredentialsWait, "noCredentialsWait");
  }

  Snapshot snapshot(StsCredentials c, Instant receivedAt) throws StsCallException {
    Instant e = c.expiration();
    Instant hardExpiry = e.minus(EXPIRY_MARGIN);
    if (!receivedAt.isBefore(hardExpiry)) {
      throw new StsCallException(
          ErrorClass.TRANSIENT,
          "Response.AlreadyExpired",
          c.requestId(),
          "STS issued credentials expiring at "
              + e
              + ", less than "
              + EXPIRY_MARGIN.toSeconds()
              + " s after the local time "
              + receivedAt
              + " (requestId="
              + c.requestId()
              + "); check the clock of this host");
    }
    Duration lifetime = Duration.between(receivedAt, e);
    Duration lead = min(MAX_LEAD, lifetime.dividedBy(2));
    Duration jitterCap = min(MAX_JITTER, lifetime.dividedBy(20));
    Duration jitter = Duration.ofMillis((long) (unit() * jitterCap.toMillis()));
    Instant staleAt = earlier(e.minus(min(MAX_STALE_LEAD, lifetime.dividedBy(10))), hardExpiry);
    Instant refreshAt = earlier(e.minus(lead).minus(jitter), staleAt);
    return new Snapshot(c, receivedAt, refreshAt, staleAt, hardExpiry);
  }

  /** How long to wait before the next attempt, or {@code null} for no automatic retry. */
  @Nullable Duration backoff(ErrorClass errorClass, int attempt) {
    return switch (errorClass) {
      case TRANSIENT -> jittered(Duration.ofSeconds(1), attempt);
      case THROTTLED -> jittered(Duration.ofSeconds(10), attempt);
      case TOKEN -> jittered(Duration.ofSeconds(5), attempt);
      case CONFIGURATION -> CONFIGURATION_RETRY;
      default -> null;
    };
  }

  /**
   * {@code base + U[0, cap - base]} with {@code cap = min(60 s, base * 2^(attempt-1))}, at least
   * base.
   */
  private Duration jittered(Duration base, int attempt) {
    int exponent = Math.min(Math.max(attempt, 1) - 1, 16);
    Duration cap = min(Duration.ofSeconds(60), base.multipliedBy(1L << exponent));
    if (cap.compareTo(base) < 0) {
      cap = base;
    }
    long spread = cap.minus(base).toMillis();
    return base.plusMillis((long) (unit() * spread));
  }

  private double unit() {
    double r = random.getAsDouble();
    return r < 0 ? 0 : Math.min(r, 1);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
