package dev.vivace.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ForwardingObjectStoreTest {

  /** A minimal in-memory store, enough to see that calls reach the delegate. */
  static final class MapStore implements ObjectStore {
    final Map<String, byte[]> objects = new TreeMap<>();
    boolean closed;

    @Override
    public void put(String key, byte[] bytes) {
      objects.put(key, bytes.clone());
    }

    @Override
    public void put(String key, java.io.InputStream in, long length) {
      try {
        put(key, in.readNBytes((int) length));
      } catch (java.io.IOException e) {
        throw new StorageException(key, e);
      }
    }

    @Override
    public byte[] get(String key) {
      byte[] b = objects.get(key);
      if (b == null) {
        throw new ObjectNotFoundException(key);
      }
      return b.clone();
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
      return Arrays.copyOfRange(get(key), (int) offset, (int) offset + length);
    }

    @Override
    public List<String> list(String prefix) {
      List<String> keys = new ArrayList<>();
      for (String k : objects.keySet()) {
        if (k.startsWith(prefix)) {
          keys.add(k);
        }
      }
      return keys;
    }

    @Override
    public void delete(String key) {
      objects.remove(key);
    }

    @Override
    public void check() {}

    @Override
    public void close() {
      closed = true;
    }
  }

  static final class CountingStore extends ForwardingObjectStore {
    int gets;

    CountingStore(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public byte[] get(String key) {
      gets++;
      return super.get(key);
    }
  }

  @Test
  void forwardsEveryCall() {
    MapStore inner = new MapStore();
    CountingStore store = new CountingStore(inner);

    store.put("t/b/x", new byte[] {1, 2, 3});
    store.put("t/b/y", new ByteArrayInputStream(new byte[] {4}), 1);

    assertThat(store.get("t/b/x")).containsExactly(1, 2, 3);
    assertThat(store.getRange("t/b/x", 1, 2)).containsExactly(2, 3);
    assertThat(store.list("t/")).containsExactly("t/b/x", "t/b/y");
    assertThat(store.listChildren("")).containsExactly("t");
    assertThat(store.listChildren("t/")).containsExactly("b");
    store.delete("t/b/x");
    assertThat(inner.objects).containsOnlyKeys("t/b/y");
    store.check();
    store.close();
    assertThat(inner.closed).isTrue();
    assertThat(store.gets).isEqualTo(1);
    assertThat(store.toString()).startsWith("CountingStore{");
  }

  @Test
  void overCapacityLooksThroughCauses() {
    ObjectStore store = new CountingStore(new MapStore());
    assertThat(store.isOverCapacity(new RuntimeException(new CapacityException("slow down"))))
        .isTrue();
    assertThat(store.isOverCapacity(new StorageException("boom"))).isFalse();
    assertThat(store.isOverCapacity(new ObjectNotFoundException("k"))).isFalse();
  }
}
