package dev.vivace.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained object traffic for the rotation test: each thread writes an object, reads it back and
 * compares, about 30 times a second, until closed. Bounded: it stops by itself after {@code
 * maxDuration}.
 */
final class Load implements AutoCloseable {

  /** A failed operation: when, and the exception's message. */
  record Failure(Instant at, String message) {}

  private final ObjectStore store;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Failure> failures = new ArrayList<>();
  private final AtomicLong successes = new AtomicLong();
  private volatile Instant lastSuccess = Instant.EPOCH;

  Load(ObjectStore store, int threadCount, java.time.Duration maxDuration) {
    this.store = requireNonNull(store, "store");
    Instant deadline = Instant.now().plus(maxDuration);
    for (int t = 0; t < threadCount; t++) {
      int id = t;
      threads.add(new Thread(() -> run(id, deadline), "load-" + t));
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  private void run(int id, Instant deadline) {
    Random random = new Random(id);
    for (int i = 0; !stop.get() && Instant.now().isBefore(deadline); i++) {
      String key = "load/" + id + "/" + (i % 16);
      byte[] data = new byte[1024 + random.nextInt(8192)];
      random.nextBytes(data);
      try {
        store.put(key, data);
        if (!Arrays.equals(store.get(key), data)) {
          throw new AssertionError("read back different bytes for " + key);
        }
        successes.incrementAndGet();
        lastSuccess = Instant.now();
      } catch (RuntimeException | AssertionError e) {
        synchronized (failures) {
          failures.add(new Failure(Instant.now(), String.valueOf(e.getMessage())));
        }
      }
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  List<Failure> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  long successes() {
    return successes.get();
  }

  Instant lastSuccess() {
    return lastSuccess;
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join(30_000);
    }
  }
}
