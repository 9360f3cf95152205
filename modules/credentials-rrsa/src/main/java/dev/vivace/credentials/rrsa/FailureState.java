package dev.vivace.credentials.rrsa;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Consecutive failures since the last success, and when the next attempt is due. Not thread-safe:
 * guarded by the refresher's lock.
 */
final class FailureState {

  private @Nullable StsCallException last;
  private @Nullable Instant firstAt;
  private @Nullable Instant nextAttemptAt;
  private int consecutive;

  /** Records a failure and returns how many there have been in a row. */
  int record(StsCallException e, Instant now) {
    last = e;
    if (firstAt == null) {
      firstAt = now;
    }
    nextAttemptAt = null;
    return ++consecutive;
  }

  /** Sets when the backoff after the last failure ends; {@code null} for never. */
  void nextAttemptAt(@Nullable Instant at) {
    nextAttemptAt = at;
  }

  void reset() {
    last = null;
    firstAt = null;
    nextAttemptAt = null;
    consecutive = 0;
  }

  @Nullable StsCallException last() {
    return last;
  }

  int consecutive() {
    return consecutive;
  }

  Duration failingFor(Instant now) {
    return firstAt == null ? Duration.ZERO : Duration.between(firstAt, now);
  }

  /**
   * Whether the last attempt failed and its backoff has not ended: nobody may call STS then, only
   * the scheduled attempt at the end of the backoff. After a failure that is never retried
   * automatically the backoff never ends.
   */
  boolean backingOff(Instant now) {
    return last != null && (nextAttemptAt == null || now.isBefore(nextAttemptAt));
  }
}
