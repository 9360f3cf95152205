package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.CorruptObjectException;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of the fixture block (made in a temp dir per test) fail with clear errors. */
class CorruptBlockTest {

  private static final String BLOCK = VParquet4BlockReaderTest.BLOCK;
  private static final TraceId PRESENT = TraceId.parse("474be8b43449fb");

  @TempDir Path dir;
  private ObjectStore store;
  private BlockMeta meta;

  @BeforeEach
  void copyFixture() {
    ObjectStore fixture = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
    store = LocalObjectStore.of(dir);
    for (String key : fixture.list(BLOCK)) {
      store.put(key, fixture.get(key));
    }
    meta = BlockMetaJson.parse(store.get(BLOCK + "meta.json"));
  }

  @Test
  void truncatedDataNamesBlockAndObject() {
    byte[] data = store.get(BLOCK + "data.parquet");
    store.put(BLOCK + "data.parquet", Arrays.copyOf(data, 50_000));

    assertThatThrownBy(() -> VParquet4BlockReader.of(store, meta).find(PRESENT))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(BLOCK + "data.parquet")
        .hasMessageContaining("past the end");
  }

  @Test
  void garbledColumnChunksAreCorrupt() {
    byte[] data = store.get(BLOCK + "data.parquet");
    Arrays.fill(data, 4, 55_000, (byte) 0x55);
    store.put(BLOCK + "data.parquet", data);

    assertThatThrownBy(() -> VParquet4BlockReader.of(store, meta).find(PRESENT))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageStartingWith("corrupt object " + BLOCK + "data.parquet: cannot decode Parquet");
  }

  @Test
  void wrongFooterSizeInMetaIsCorrupt() {
    BlockMeta wrong =
        new BlockMeta(
            meta.version(),
            meta.blockId(),
            meta.tenantId(),
            meta.startTime(),
            meta.endTime(),
            meta.totalObjects(),
            meta.size(),
            0,
            meta.encoding(),
            0,
            1,
            "",
            1,
            17_000,
            meta.dedicatedColumns(),
            0);

    assertThatThrownBy(() -> VParquet4BlockReader.of(store, wrong).find(PRESENT))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessage(
            "corrupt object "
                + BLOCK
                + "data.parquet: footer length 17711 differs from"
                + " meta.json footerSize 17000");
  }

  @Test
  void wrongSizeInMetaIsCorrupt() {
    BlockMeta wrong =
        new BlockMeta(
            meta.version(),
            meta.blockId(),
            meta.tenantId(),
            meta.startTime(),
            meta.endTime(),
            meta.totalObjects(),
            meta.size() - 1,
            0,
            meta.encoding(),
            0,
            1,
            "",
            1,
            meta.footerSize(),
            meta.dedicatedColumns(),
            0);

    assertThatThrownBy(() -> VParquet4BlockReader.of(store, wrong).find(PRESENT))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessage(
            "corrupt object "
                + BLOCK
                + "data.parquet: does not end with PAR1 (truncated, or"
                + " meta.json size 77186 is wrong)");
  }

  @Test
  void truncatedBloomIsCorrupt() {
    store.put(BLOCK + "bloom-0", new byte[10]);

    assertThatThrownBy(() -> VParquet4BlockReader.of(store, meta).find(PRESENT))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessage("corrupt object " + BLOCK + "bloom-0: bloom filter truncated: 10 bytes")
        .satisfies(
            e -> assertThat(((CorruptObjectException) e).key()).isEqualTo(BLOCK + "bloom-0"));
  }

  @Test
  void garbageIndexIsCorruptButMissingIndexIsTolerated() {
    store.put(BLOCK + "index", "nope".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> VParquet4BlockReader.of(store, meta).find(PRESENT))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageStartingWith("corrupt object " + BLOCK + "index: ");

    store.delete(BLOCK + "index");
    assertThat(VParquet4BlockReader.of(store, meta).find(PRESENT).fragments()).hasSize(4);
  }

  @Test
  void missingDataIsNotFound() {
    store.delete(BLOCK + "data.parquet");

    assertThatThrownBy(() -> VParquet4BlockReader.of(store, meta).find(PRESENT))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("object not found: " + BLOCK + "data.parquet");
  }
}
