package dev.vivace.benchmarks;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link ObjectStore} decorator that makes every request cost a fixed latency, as a remote
 * object store would, and counts requests and bytes moved. Behaviour and retry semantics are the
 * delegate's; only time passes.
 */
public final class InstrumentedObjectStore extends ForwardingObjectStore {

  /** Waits; a seam so tests need not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d);

    /** Sleeps for real on the calling thread. */
    Sleeper REAL =
        d -> {
          try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
  }

  /** Counts of requests and bytes, as of one moment. */
  public record Counts(
      long gets,
      long rangeGets,
      long puts,
      long lists,
      long deletes,
      long bytesRead,
      long bytesWritten) {
    /** Whole-object and range reads together. */
    public long reads() {
      return gets + rangeGets;
    }
  }

  private final Duration latency;
  private final Sleeper sleeper;
  private final AtomicLong gets = new AtomicLong();
  private final AtomicLong rangeGets = new AtomicLong();
  private final AtomicLong puts = new AtomicLong();
  private final AtomicLong lists = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();

  /** Wraps {@code delegate}, adding {@code latency} to every request. Does no I/O. */
  public InstrumentedObjectStore(ObjectStore delegate, Duration latency, Sleeper sleeper) {
    super(delegate);
    this.latency = requireNonNull(latency, "latency");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency: " + latency + " (expected: >= 0)");
    }
  }

  private void pause() {
    if (!latency.isZero()) {
      sleeper.sleep(latency);
    }
  }

  @Override
  public void put(String key, byte[] bytes) {
    pause();
    puts.incrementAndGet();
    bytesWritten.addAndGet(bytes.length);
    super.put(key, bytes);
  }

  @Override
  public void put(String key, InputStream in, long length) {
    pause();
    puts.incrementAndGet();
    bytesWritten.addAndGet(length);
    super.put(key, in, length);
  }

  @Override
  public byte[] get(String key) {
    pause();
    gets.incrementAndGet();
    byte[] b = super.get(key);
    bytesRead.addAndGet(b.length);
    return b;
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    pause();
    rangeGets.incrementAndGet();
    byte[] b = super.getRange(key, offset, length);
    bytesRead.addAndGet(b.length);
    return b;
  }

  @Override
  public List<String> list(String prefix) {
    pause();
    lists.incrementAndGet();
    return super.list(prefix);
  }

  @Override
  public void delete(String key) {
    pause();
    deletes.incrementAndGet();
    super.delete(key);
  }

  /** Returns the counts so far. */
  public Counts counts() {
    return new Counts(
        gets.get(),
        rangeGets.get(),
        puts.get(),
        lists.get(),
        deletes.get(),
        bytesRead.get(),
        bytesWritten.get());
  }
}
