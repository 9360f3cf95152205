package dev.vivace.server;

import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An object store whose writes fail or hang while told to, like a storage outage. */
final class FlakyObjectStore extends ForwardingObjectStore {

  final AtomicBoolean down = new AtomicBoolean();
  final AtomicInteger slowMillis = new AtomicInteger();
  final AtomicInteger failedPuts = new AtomicInteger();

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
}
