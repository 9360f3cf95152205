package dev.vivace.storage.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.testing.storage.ObjectStoreContract;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends ObjectStoreContract {

  @TempDir Path dir;

  @Override
  protected ObjectStore newStore() {
    return LocalObjectStore.of(dir.resolve("root"));
  }

  @Test
  void constructionDoesNoIo() {
    LocalObjectStore.of(dir.resolve("not/yet/there"));

    assertThat(dir.resolve("not")).doesNotExist();
  }

  @Test
  void keysMapToTempoLocalBackendPaths() throws Exception {
    store.put(BLOCK + "meta.json", "{}".getBytes(UTF_8));

    assertThat(dir.resolve("root/single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10/meta.json"))
        .hasContent("{}");
  }

  @Test
  void leavesNoTempFilesAndNeverListsThem() throws Exception {
    store.put(BLOCK + "bloom-0", new byte[100]);
    Path blockDir = dir.resolve("root").resolve(BLOCK);
    Files.write(blockDir.resolve(".vivace-tmp-123.tmp"), new byte[1]);

    try (Stream<Path> files = Files.list(blockDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("bloom-0", ".vivace-tmp-123.tmp");
    }
    assertThat(store.list("")).containsExactly(BLOCK + "bloom-0");
    assertThatThrownBy(() -> store.get(BLOCK + ".vivace-tmp-123.tmp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "key: "
                + BLOCK
                + ".vivace-tmp-123.tmp (expected: no segment starting with"
                + " .vivace-tmp-)");
  }

  @Test
  void deletePrunesEmptyDirectoriesButKeepsRoot() {
    store.put(BLOCK + "meta.json", new byte[1]);
    store.delete(BLOCK + "meta.json");

    assertThat(dir.resolve("root/single-tenant")).doesNotExist();
    assertThat(dir.resolve("root")).isDirectory();
  }

  @Test
  void directoryIsNotAnObject() {
    store.put(BLOCK + "meta.json", new byte[1]);

    assertThatThrownBy(() -> store.get("single-tenant"))
        .isInstanceOf(dev.vivace.storage.ObjectNotFoundException.class);
  }

  @Test
  void checkFailsWhenRootIsAFile() throws Exception {
    Path file = Files.write(dir.resolve("file"), new byte[1]);

    assertThatThrownBy(() -> LocalObjectStore.of(file).check())
        .isInstanceOf(StorageException.class)
        .hasMessage("local store root " + file + " is not a directory");
  }

  @Test
  void readsTempoFixtureTreeInPlace() {
    ObjectStore tempo = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
    String block = "single-tenant/" + TempoFixtures.VPARQUET4_BLOCK_ID + "/";

    assertThat(tempo.list("single-tenant/"))
        .containsExactly(
            block + "bloom-0", block + "data.parquet", block + "index", block + "meta.json");
    byte[] tail = tempo.getRange(block + "data.parquet", 77_187 - 8, 8);
    ByteBuffer b = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt()).isEqualTo(17_711); // footerSize in the fixture's meta.json
    assertThat(new String(tail, 4, 4, UTF_8)).isEqualTo("PAR1");
  }

  @Test
  void listingDuringWritesMissesNothingThatWasThere() throws Exception {
    ObjectStore store = LocalObjectStore.of(dir.resolve("root"));
    List<String> existing = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String key = "t/" + UUID.randomUUID() + "/meta.json";
      store.put(key, new byte[] {1});
      existing.add(key);
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread writes =
        new Thread(
            () -> {
              // Each put creates a temporary file and renames it: entries vanish under the walk.
              for (int i = 0; i < 3_000 && !stop.get(); i++) {
                store.put("t/" + UUID.randomUUID() + "/data.parquet", new byte[] {(byte) i});
              }
              stop.set(true);
            });
    writes.start();
    try {
      for (int round = 0; !stop.get(); round++) {
        assertThat(store.list("t/")).as("round " + round).containsAll(existing);
      }
    } finally {
      stop.set(true);
      writes.join();
    }
  }
}
