package dev.vivace.credentials.rrsa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/** Starts the same call on many threads at once, to make callers overlap. */
final class ConcurrentCalls {

  /**
   * Runs {@code call} on {@code n} threads of {@code pool}, released together once all are queued.
   */
  static <T> List<CompletableFuture<T>> start(ExecutorService pool, int n, Supplier<T> call) {
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<T>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      results.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                return call.get();
              },
              pool));
    }
    start.countDown();
    return results;
  }

  private ConcurrentCalls() {}
}
