package dev.vivace.ingester;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the ingester's work on the test's thread when the test moves the fake clock on: every task
 * due by then runs in due order, with the clock set to its due time. A wait moves the clock as
 * well, as far as its timeout at most. Nothing sleeps.
 */
final class FakeFlushScheduler implements FlushScheduler {

  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private long sequence;
  private boolean closed;

  FakeFlushScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void scheduleWithFixedDelay(Runnable task, Duration period) {
    add(task, period, period);
  }

  @Override
  public synchronized void execute(Runnable task) {
    add(task, Duration.ZERO, null);
  }

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    delays.add(delay);
    add(task, delay, null);
  }

  private void add(Runnable task, Duration delay, @Nullable Duration period) {
    if (closed) {
      throw new RejectedExecutionException("closed");
    }
    tasks.add(new Task(clock.instant().plus(delay), sequence++, task, period));
  }

  @Override
  public boolean await(Object monitor, BooleanSupplier done, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    while (!done.getAsBoolean()) {
      if (!runNextDueBy(deadline)) {
        clock.set(deadline);
        return done.getAsBoolean();
      }
    }
    return true;
  }

  /** Moves the clock on by {@code d}, running every task that falls due on the way. */
  void advance(Duration d) {
    Instant end = clock.instant().plus(d);
    while (runNextDueBy(end)) {
      // Each run may schedule more work, which runs too if it falls due by the end.
    }
    clock.set(end);
  }

  /** Runs the tasks due now, such as block writes handed over since the last advance. */
  void runDue() {
    advance(Duration.ZERO);
  }

  private boolean runNextDueBy(Instant end) {
    Task next;
    synchronized (this) {
      next = null;
      for (Task t : tasks) {
        if (!t.due.isAfter(end)
            && (next == null
                || t.due.isBefore(next.due)
                || (t.due.equals(next.due) && t.sequence < next.sequence))) {
          next = t;
        }
      }
      if (next == null) {
        return false;
      }
      tasks.remove(next);
    }
    if (next.due.isAfter(clock.instant())) {
      clock.set(next.due);
    }
    next.task.run();
    Duration period = next.period;
    if (period != null) {
      synchronized (this) {
        if (!closed) {
          add(next.task, period, period);
        }
      }
    }
    return true;
  }

  /** The delays of every {@link #schedule} call so far, in order: the retry backoff. */
  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }

  /** How many tasks wait, the periodic one included. */
  synchronized int pending() {
    return tasks.size();
  }

  synchronized boolean closed() {
    return closed;
  }

  @Override
  public synchronized void close() {
    closed = true;
    tasks.clear();
  }

  private record Task(Instant due, long sequence, Runnable task, @Nullable Duration period) {}
}
