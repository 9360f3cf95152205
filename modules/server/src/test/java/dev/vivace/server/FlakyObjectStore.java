package dev.vivace.server;

import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An object store whose writes fail or hang while told to, and whose reads and listings fail while
 * told to, like a storage outage.
 */
final class FlakyObjectStore extends ForwardingObjectStore {

  final AtomicBoolean down = new AtomicBoolean();
  final AtomicInteger slowMillis = new AtomicInteger();
  final AtomicInteger failedPuts = new AtomicInteger();
  final AtomicBoolean readsDown = new AtomicBoolean();
  final AtomicInteger failedReads = new AtomicInteger();

  /** When positive, every n-th call (write, read or listing) fails, as a store answering 5xx. */
  final AtomicInteger failOneIn = new AtomicInteger();

  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger failedCalls = new AtomicInteger();

  private void maybeFailSometimes(String operation, String key) {
    int n = failOneIn.get();
    if (n > 0 && calls.incrementAndGet() % n == 0) {
      failedCalls.incrementAndGet();
      throw new StorageException(
          operation + " " + key + ": 503 Service Unavailable (injected, one call in " + n + ")");
    }
  }

  FlakyObjectStore(ObjectStore delegate) {
    super(delegate);
  }

  private void maybeFail(String key) {
    int slow = slowMillis.get();
    if (slow > 0) {
      try {
        Thread.sleep(slow);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (down.get()) {
      failedPuts.incrementAndGet();
      throw new StorageException("put " + key + ": storage unavailable (injected)");
    }
    maybeFailSometimes("put", key);
  }

  @Override
  public void put(String key, byte[] bytes) {
    maybeFail(key);
    super.put(key, bytes);
  }

  @Override
  public void put(String key, InputStream in, long length) {
    maybeFail(key);
    super.put(key, in, length);
  }

  private void maybeFailRead(String operation, String key) {
    if (readsDown.get()) {
      failedReads.incrementAndGet();
      throw new StorageException(operation + " " + key + ": storage unavailable (injected)");
    }
    maybeFailSometimes(operation, key);
  }

  @Override
  public byte[] get(String key) {
    maybeFailRead("get", key);
    return super.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    maybeFailRead("get", key);
    return super.getRange(key, offset, length);
  }

  @Override
  public List<String> list(String prefix) {
    maybeFailRead("list", prefix);
    return super.list(prefix);
  }
}
