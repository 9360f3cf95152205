package dev.vivace.testing.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link dev.vivace.storage.ObjectStore} must have. Subclasses provide an empty
 * store per test; real stores (S3 via s3proxy, OSS in staging) run the same suite through
 * {@code @Nested}.
 */
public abstract class ObjectStoreContract {

  /** The block used by the key-layout tests, in Tempo's {@code <tenant>/<blockID>/} form. */
  protected static final String BLOCK = "single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10/";

  /** The store under test, fresh for every test. */
  protected ObjectStore store;

  /** Returns a new, empty store. Called before each test. */
  protected abstract ObjectStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void putThenGet() {
    store.put(BLOCK + "meta.json", bytes("{\"format\":\"vParquet4\"}"));

    assertThat(store.get(BLOCK + "meta.json")).isEqualTo(bytes("{\"format\":\"vParquet4\"}"));
  }

  @Test
  void putReplacesAndIsIdempotent() {
    store.put(BLOCK + "index", bytes("old, longer content"));
    store.put(BLOCK + "index", bytes("new"));
    store.put(BLOCK + "index", bytes("new"));

    assertThat(store.get(BLOCK + "index")).isEqualTo(bytes("new"));
    assertThat(store.list(BLOCK)).containsExactly(BLOCK + "index");
  }

  @Test
  void emptyObject() {
    store.put(BLOCK + "nocompact.flg", new byte[0]);

    assertThat(store.get(BLOCK + "nocompact.flg")).isEmpty();
    assertThat(store.getRange(BLOCK + "nocompact.flg", 0, 0)).isEmpty();
  }

  @Test
  void putFromStreamReadsExactlyLength() {
    byte[] big = randomBytes(3 * 1024 * 1024 + 17);
    byte[] withTail = Arrays.copyOf(big, big.length + 10);

    store.put(BLOCK + "data.parquet", new ByteArrayInputStream(withTail), big.length);

    assertThat(store.get(BLOCK + "data.parquet")).isEqualTo(big);
  }

  @Test
  void putFromShortStreamStoresNothing() {
    assertThatThrownBy(
            () -> store.put(BLOCK + "data.parquet", new ByteArrayInputStream(new byte[5]), 6))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.list("")).isEmpty();
    assertThatThrownBy(() -> store.get(BLOCK + "data.parquet"))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void getMissingIsTypedAndNamesTheKey() {
    assertThatThrownBy(() -> store.get(BLOCK + "meta.json"))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining(BLOCK + "meta.json")
        .satisfies(
            e -> assertThat(((ObjectNotFoundException) e).key()).isEqualTo(BLOCK + "meta.json"));
  }

  @Test
  void getRangeReturnsTheSlice() {
    byte[] data = randomBytes(100_000);
    store.put(BLOCK + "data.parquet", data);

    assertThat(store.getRange(BLOCK + "data.parquet", 0, 4))
        .isEqualTo(Arrays.copyOfRange(data, 0, 4));
    assertThat(store.getRange(BLOCK + "data.parquet", 77_000, 23_000))
        .isEqualTo(Arrays.copyOfRange(data, 77_000, 100_000));
    assertThat(store.getRange(BLOCK + "data.parquet", 100_000, 0)).isEmpty();
  }

  @Test
  void getRangePastTheEndFails() {
    store.put(BLOCK + "data.parquet", new byte[10]);

    assertThatThrownBy(() -> store.getRange(BLOCK + "data.parquet", 8, 3))
        .isInstanceOf(StorageException.class)
        .isNotInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining(BLOCK + "data.parquet");
  }

  @Test
  void getRangeOfMissingObjectIsTyped() {
    assertThatThrownBy(() -> store.getRange(BLOCK + "bloom-0", 0, 1))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void getRangeRejectsNegativeArguments() {
    store.put(BLOCK + "index", new byte[10]);

    assertThatThrownBy(() -> store.getRange(BLOCK + "index", -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.getRange(BLOCK + "index", 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listReturnsSortedKeysAtAnyDepth() {
    store.put("tenant-b/1/meta.json", new byte[1]);
    store.put("tenant-a/2/meta.json", new byte[1]);
    store.put("tenant-a/1/meta.json", new byte[1]);
    store.put("tenant-a/1/bloom-0", new byte[1]);
    store.put("tenant-a/index.json.gz", new byte[1]);
    store.put("tenant-ab/1/meta.json", new byte[1]);

    assertThat(store.list("tenant-a/"))
        .containsExactly(
            "tenant-a/1/bloom-0",
            "tenant-a/1/meta.json",
            "tenant-a/2/meta.json",
            "tenant-a/index.json.gz");
    assertThat(store.list("tenant-a/1"))
        .containsExactly("tenant-a/1/bloom-0", "tenant-a/1/meta.json");
    assertThat(store.list("tenant-a")).hasSize(5);
    assertThat(store.list("")).hasSize(6).isSorted();
    assertThat(store.list("tenant-c/")).isEmpty();
    assertThat(store.list("tenant-a/1/meta.json")).containsExactly("tenant-a/1/meta.json");
  }

  @Test
  void listChildrenReturnsTheDirectoriesOneLevelDown() {
    store.put("tenant-b/1/meta.json", new byte[1]);
    store.put("tenant-a/2/meta.json", new byte[1]);
    store.put("tenant-a/1/meta.json", new byte[1]);
    store.put("tenant-a/1/bloom-0", new byte[1]);
    store.put("tenant-a/index.json.gz", new byte[1]);
    store.put("seed.json", new byte[1]);

    assertThat(store.listChildren("")).containsExactly("tenant-a", "tenant-b");
    assertThat(store.listChildren("tenant-a/")).containsExactly("1", "2");
    assertThat(store.listChildren("tenant-a/1/")).isEmpty();
    assertThat(store.listChildren("tenant-c/")).isEmpty();
    assertThatThrownBy(() -> store.listChildren("tenant-a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix: tenant-a (expected: empty or ending with '/')");
  }

  @Test
  void deleteRemovesAndIsIdempotent() {
    store.put(BLOCK + "meta.json", new byte[1]);
    store.put(BLOCK + "bloom-0", new byte[1]);

    store.delete(BLOCK + "meta.json");
    store.delete(BLOCK + "meta.json");
    store.delete(BLOCK + "never-written");

    assertThat(store.list(BLOCK)).containsExactly(BLOCK + "bloom-0");
    assertThatThrownBy(() -> store.get(BLOCK + "meta.json"))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void rejectsInvalidKeys() {
    for (String key : List.of("", "/abs", "a//b", "a/../b", "a/", "a\\b")) {
      assertThatThrownBy(() -> store.put(key, new byte[1]))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.get(key)).as(key).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void checkPassesOnAUsableStore() {
    store.check();
  }

  @Test
  void closeIsIdempotent() throws Exception {
    ObjectStore other = newStore();
    other.close();
    other.close();
  }

  @Test
  void readersNeverSeePartialWrites() throws Exception {
    byte[] a = filled(256 * 1024, (byte) 'a');
    byte[] b = filled(512 * 1024, (byte) 'b');
    store.put(BLOCK + "data.parquet", a);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer =
          pool.submit(
              () -> {
                for (int i = 0; i < 50; i++) {
                  store.put(BLOCK + "data.parquet", (i % 2 == 0) ? b : a);
                }
              });
      List<byte[]> seen = new ArrayList<>();
      while (!writer.isDone()) {
        seen.add(store.get(BLOCK + "data.parquet"));
      }
      writer.get(30, TimeUnit.SECONDS);
      for (byte[] s : seen) {
        assertThat(Arrays.equals(s, a) || Arrays.equals(s, b)).as("complete object").isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] filled(int n, byte value) {
    byte[] out = new byte[n];
    Arrays.fill(out, value);
    return out;
  }

  private static byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    new Random(n).nextBytes(out);
    return out;
  }
}
