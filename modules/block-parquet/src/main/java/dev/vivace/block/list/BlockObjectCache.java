package dev.vivace.block.list;

import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the small objects every lookup reads first, bloom shards and the row-group index, in
 * memory. They never change once a block is written, so nothing is invalidated: entries of deleted
 * blocks simply age out. Bounded by bytes, least recently used first.
 */
public final class BlockObjectCache extends ForwardingObjectStore {

  /** If unset, 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private final long maxBytes;
  private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;

  public BlockObjectCache(ObjectStore delegate, long maxBytes) {
    super(delegate);
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
    }
    this.maxBytes = maxBytes;
  }

  static boolean isCacheable(String key) {
    int slash = key.lastIndexOf('/');
    String name = key.substring(slash + 1);
    return name.equals("index") || name.startsWith("bloom-");
  }

  @Override
  public byte[] get(String key) {
    if (!isCacheable(key)) {
      return super.get(key);
    }
    synchronized (this) {
      byte[] cached = entries.get(key);
      if (cached != null) {
        hits++;
        return cached.clone();
      }
      misses++;
    }
    byte[] value = super.get(key);
    if (value.length <= maxBytes / 4) {
      synchronized (this) {
        if (entries.put(key, value.clone()) == null) {
          bytes += value.length;
        }
        evict();
      }
    }
    return value;
  }

  private void evict() {
    var it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<String, byte[]> eldest = it.next();
      bytes -= eldest.getValue().length;
      it.remove();
    }
  }

  /** Returns how many gets were answered from memory. */
  public synchronized long hits() {
    return hits;
  }

  /** Returns how many cacheable gets went to the store. */
  public synchronized long misses() {
    return misses;
  }
}
