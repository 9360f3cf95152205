package dev.vivace.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantIndexStoreTest {

  private final ObjectStore fixtures =
      LocalObjectStore.of(TempoFixtures.resolve("tempodb/backend/test/test-data"));

  @TempDir Path dir;

  @Test
  void prefersProtoAndFallsBackToJson() {
    TenantIndex single = TenantIndexStore.read(fixtures, "single-tenant");
    TenantIndex three = TenantIndexStore.read(fixtures, "3");

    assertThat(single).isNotNull();
    assertThat(single.metas()).hasSize(3);
    assertThat(three).isNotNull();
    assertThat(three.metas()).hasSize(22_435);
    assertThat(TenantIndexStore.read(fixtures, "nobody")).isNull();
  }

  @Test
  void writesBothAndCorruptProtoDoesNotFallBack() {
    ObjectStore store = LocalObjectStore.of(dir);
    TenantIndex single = TenantIndexStore.read(fixtures, "single-tenant");
    TenantIndexStore.write(store, "t", single);

    assertThat(store.list("t/")).containsExactly("t/index.json.gz", "t/index.pb.zst");
    assertThat(TenantIndexStore.read(store, "t")).isEqualTo(single);
    store.delete("t/index.pb.zst");
    assertThat(TenantIndexStore.read(store, "t")).isEqualTo(single);

    store.put("t/index.pb.zst", new byte[] {1, 2, 3});
    assertThatThrownBy(() -> TenantIndexStore.read(store, "t"))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageStartingWith("corrupt object t/index.pb.zst: tenant index is not valid zstd");
  }
}
