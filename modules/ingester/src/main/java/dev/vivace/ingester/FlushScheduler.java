package dev.vivace.ingester;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs the ingester's timed work: the periodic cut, the block writes and their retries, and the
 * waits for them. Production uses thread pools and the system's time; tests use a fake that runs
 * the work when a fake clock is moved on, so backoff and timeouts are checked without sleeping.
 */
interface FlushScheduler {

  /** Runs {@code task} every {@code period}, the first time one period from now, until closed. */
  void scheduleWithFixedDelay(Runnable task, Duration period);

  /** Runs {@code task}, which writes a block, as soon as a flusher is free. */
  void execute(Runnable task);

  /** Runs {@code task}, which writes a block, after {@code delay}. */
  void schedule(Runnable task, Duration delay);

  /**
   * Waits until {@code done} answers true or {@code timeout} passes. {@code done} is asked again
   * whenever {@code monitor} is notified.
   *
   * @return true if {@code done} answered true in time
   */
  boolean await(Object monitor, BooleanSupplier done, Duration timeout) throws InterruptedException;

  /** Stops the periodic task, cancels pending writes and interrupts running ones. */
  void close();
}
