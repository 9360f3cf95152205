package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the engine's search and tag collectors share: the failures reported by tiers, a deadline,
 * and whether the collector was stopped. Thread-safe.
 */
abstract class CollectorState {

  private final long deadlineNanos;
  private final LongSupplier nanoTime;

  /** Descriptions of what tiers could not read; guarded by {@code this}. */
  final List<String> failures = new ArrayList<>();

  volatile boolean stopped;

  CollectorState(long deadlineNanos, LongSupplier nanoTime) {
    this.deadlineNanos = deadlineNanos;
    this.nanoTime = nanoTime;
  }

  /** Records data a tier could not read. */
  public synchronized void failure(String description) {
    failures.add(requireNonNull(description, "description"));
  }

  boolean deadlinePassed() {
    return nanoTime.getAsLong() - deadlineNanos >= 0;
  }

  void stop() {
    stopped = true;
  }
}
