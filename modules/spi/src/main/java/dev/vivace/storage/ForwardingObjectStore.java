package dev.vivace.storage;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.List;

/**
 * An {@link ObjectStore} that forwards every call to another one. Decorators (caches, metrics,
 * retries, hedging) extend it and override only the methods they change. The idempotency and retry
 * behaviour of each method is the delegate's unless the decorator documents otherwise.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

  private final ObjectStore delegate;

  /** Creates a store forwarding to {@code delegate}. Does no I/O. */
  protected ForwardingObjectStore(ObjectStore delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  /** Returns the store calls are forwarded to. */
  protected final ObjectStore delegate() {
    return delegate;
  }

  @Override
  public void put(String key, byte[] bytes) {
    delegate.put(key, bytes);
  }

  @Override
  public void put(String key, InputStream in, long length) {
    delegate.put(key, in, length);
  }

  @Override
  public byte[] get(String key) {
    return delegate.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    return delegate.getRange(key, offset, length);
  }

  @Override
  public List<String> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public List<String> listChildren(String prefix) {
    return delegate.listChildren(prefix);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public void check() {
    delegate.check();
  }

  @Override
  public boolean isOverCapacity(Throwable t) {
    return delegate.isOverCapacity(t);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + delegate + "}";
  }
}
