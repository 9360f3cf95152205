package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that moves only when a test moves it. Thread-safe. */
final class MutableClock extends Clock {

  /** Where every test's time starts. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private volatile Instant now = START;

  void advance(Duration d) {
    requireNonNull(d, "d");
    synchronized (this) {
      now = now.plus(d);
    }
  }

  void set(Instant instant) {
    now = requireNonNull(instant, "instant");
  }

  /** How far the clock has moved since {@link #START}. */
  Duration elapsed() {
    return Duration.between(START, now);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("MutableClock is UTC only");
  }
}
