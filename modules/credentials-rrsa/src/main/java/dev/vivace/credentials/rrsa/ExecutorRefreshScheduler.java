package dev.vivace.credentials.rrsa;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One daemon thread, created on first use, named {@code rrsa-credentials-refresh-N}. */
final class ExecutorRefreshScheduler implements RefreshScheduler {

  static final String THREAD_NAME_PREFIX = "rrsa-credentials-refresh-";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final ScheduledThreadPoolExecutor executor;

  ExecutorRefreshScheduler() {
    String name = THREAD_NAME_PREFIX + COUNTER.incrementAndGet();
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
