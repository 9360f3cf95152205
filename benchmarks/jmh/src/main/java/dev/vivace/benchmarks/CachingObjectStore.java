package dev.vivace.benchmarks;

import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every object and range read in memory: the best case of a read cache in front of the store.
 * Benchmarks only; it never invalidates, so it is wrong for data that changes.
 */
final class CachingObjectStore extends ForwardingObjectStore {

  private record Range(String key, long offset, int length) {}

  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<Range, byte[]> ranges = new ConcurrentHashMap<>();

  CachingObjectStore(ObjectStore delegate) {
    super(delegate);
  }

  @Override
  public byte[] get(String key) {
    return objects.computeIfAbsent(key, super::get).clone();
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    return ranges
        .computeIfAbsent(
            new Range(key, offset, length), r -> super.getRange(r.key(), r.offset(), r.length()))
        .clone();
  }
}
