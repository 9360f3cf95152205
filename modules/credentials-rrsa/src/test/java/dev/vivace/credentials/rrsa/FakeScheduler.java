package dev.vivace.credentials.rrsa;

import dev.vivace.testing.sts.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs "as soon as possible" tasks inline and delayed tasks when the test advances the fake clock
 * past their due time. Nothing sleeps.
 */
final class FakeScheduler implements RefreshScheduler {

  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private boolean closed;

  FakeScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void execute(Runnable task) {
    if (closed) {
      throw new java.util.concurrent.RejectedExecutionException("closed");
    }
    task.run();
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(clock.instant().plus(delay), delay, task);
    tasks.add(t);
    return () -> {
      synchronized (FakeScheduler.this) {
        tasks.remove(t);
      }
    };
  }

  /**
   * Moves the clock forward by {@code d}, running every task that falls due, in due order, at its
   * due time.
   */
  void advance(Duration d) {
    Instant end = clock.instant().plus(d);
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> !t.due.isAfter(end))
                .min(Comparator.comparing(t -> t.due))
                .orElse(null);
        if (next == null) {
          break;
        }
        tasks.remove(next);
      }
      if (next.due.isAfter(clock.instant())) {
        clock.set(next.due);
      }
      next.task.run();
    }
    clock.set(end);
  }

  /** Advances to the next due task and runs it. */
  void runNext() {
    Optional<Instant> due = nextDue();
    if (due.isEmpty()) {
      throw new AssertionError("nothing scheduled");
    }
    Duration d = Duration.between(clock.instant(), due.get());
    advance(d.isNegative() ? Duration.ZERO : d);
  }

  synchronized Optional<Instant> nextDue() {
    return tasks.stream().map(t -> t.due).min(Comparator.naturalOrder());
  }

  /** Delay requested for the most recently scheduled pending task. */
  synchronized Optional<Duration> lastDelay() {
    return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.get(tasks.size() - 1).delay);
  }

  synchronized int pending() {
    return tasks.size();
  }

  boolean closed() {
    return closed;
  }

  @Override
  public synchronized void close() {
    closed = true;
    tasks.clear();
  }

  private record Task(Instant due, Duration delay, Runnable task) {}
}
