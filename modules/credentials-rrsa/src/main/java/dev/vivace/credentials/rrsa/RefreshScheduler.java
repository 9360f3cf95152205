package dev.vivace.credentials.rrsa;

import java.time.Duration;

/** Runs refreshes. Production uses one daemon thread; tests use a fake driven by a fake clock. */
interface RefreshScheduler extends AutoCloseable {

  /** Runs {@code task} as soon as possible. */
  void execute(Runnable task);

  /** Runs {@code task} after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Runnable task, Duration delay);

  /** Cancels pending tasks and stops the threads. */
  @Override
  void close();

  /** A scheduled task. */
  interface Cancellable {
    void cancel();
  }
}
