package dev.vivace.ingester;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One daemon thread, {@code vivace-flush-loop-N}, for the periodic cut and a pool of daemon
 * threads, {@code vivace-flusher-N}, for block writes; waits use the system's monotonic time.
 */
final class ExecutorFlushScheduler implements FlushScheduler {

  private final ScheduledExecutorService loop;
  private final ScheduledExecutorService flushers;

  ExecutorFlushScheduler(int concurrentFlushes) {
    this.loop = Executors.newSingleThreadScheduledExecutor(daemon("vivace-flush-loop"));
    this.flushers = Executors.newScheduledThreadPool(concurrentFlushes, daemon("vivace-flusher"));
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void scheduleWithFixedDelay(Runnable task, Duration period) {
    long millis = period.toMillis();
    ScheduledFuture<?> unused =
        loop.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable task) {
    flushers.execute(task);
  }

  @Override
  public void schedule(Runnable task, Duration delay) {
    ScheduledFuture<?> unused = flushers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean await(Object monitor, BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
      }
    }
    return true;
  }

  @Override
  public void close() {
    loop.shutdownNow();
    flushers.shutdownNow();
    try {
      flushers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
