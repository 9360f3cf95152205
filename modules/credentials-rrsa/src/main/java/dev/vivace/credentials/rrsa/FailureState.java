package dev.vivace.credentials.rrsa;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Consecutive failures since the last success. Not thread-safe: guarded by the refresher's lock.
 */
final class FailureState {

  private @Nullable StsCallException last;
  private @Nullable Instant lastAt;
  private @Nullable Instant firstAt;
  private int consecutive;

  int record(StsCallException e, Instant now) {
    last = e;
    lastAt = now;
    if (firstAt == null) {
      firstAt = now;
    }
    return ++consecutive;
  }

  void reset() {
    last = null;
    lastAt = null;
    firstAt = null;
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
   * A caller without credentials may start an attempt early only after a transient or token
   * failure.
   */
  boolean callerMayRetry(Instant now, Duration spacing) {
    return last == null
        || (last.errorClass().callerMayRetryEarly()
            && lastAt != null
            && !now.isBefore(lastAt.plus(spacing)));
  }
}
