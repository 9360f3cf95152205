package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading every trace of a block in ID order, as compaction does. */
class BlockTraceIteratorTest {

  static final String BLOCK =
      TempoFixtures.VPARQUET4_TENANT + "/" + TempoFixtures.VPARQUET4_BLOCK_ID + "/";

  @TempDir Path dir;

  static List<BlockTrace> all(VParquet4BlockReader reader) {
    List<BlockTrace> out = new ArrayList<>();
    try (BlockTraceIterator it = reader.traces()) {
      it.forEachRemaining(out::add);
      assertThat(it.bytesRead()).isPositive();
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }
    return out;
  }

  static void assertAscending(List<BlockTrace> traces) {
    for (int i = 1; i < traces.size(); i++) {
      assertThat(
              Arrays.compareUnsigned(
                  traces.get(i - 1).traceId().toByteArray(), traces.get(i).traceId().toByteArray()))
          .isNegative();
    }
  }

  @Test
  void theTempoFixturesTracesComeInIdOrderAsLookupsReadThem() {
    ObjectStore v4Store = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
    ObjectStore v3Store =
        LocalObjectStore.of(
            TempoFixtures.vparquet4BackendRoot()
                .getParent()
                .getParent()
                .resolve(Path.of("vparquet3", "test-data")));
    VParquet4BlockReader v4 =
        VParquet4BlockReader.of(v4Store, BlockMetaJson.parse(v4Store.get(BLOCK + "meta.json")));
    VParquet4BlockReader v3 =
        VParquet4BlockReader.of(v3Store, BlockMetaJson.parse(v3Store.get(BLOCK + "meta.json")));
    List<BlockTrace> traces = all(v4);
    assertThat(traces).hasSize(134);
    assertAscending(traces);
    for (BlockTrace t : traces) {
      assertThat(t.batches()).isEqualTo(v4.find(t.traceId()).fragments());
    }
    assertThat(all(v3)).isEqualTo(traces);
  }

  @Test
  void aBlockOfManyRowGroupsAndWindowsIsReadWhole() {
    ObjectStore store = LocalObjectStore.of(dir.resolve("bucket"));
    List<BlockTrace> written = SearchData.traces(5, 2_500, 1_700_000_000_000_000_000L, 8);
    BlockMeta meta =
        VParquet4BlockWriter.builder(store)
            .dedicatedColumns(SearchData.DEDICATED)
            .rowGroupSizeBytes(300_000)
            .tempDir(dir)
            .build()
            .write("t", UUID.randomUUID(), written);
    assertThat(meta.totalRecords()).isGreaterThan(1);
    VParquet4BlockReader reader = VParquet4BlockReader.of(store, meta);
    List<BlockTrace> read = all(reader);
    assertThat(read).hasSize(written.size());
    assertAscending(read);
    for (int i = 0; i < read.size(); i += 97) {
      TraceId id = read.get(i).traceId();
      assertThat(id).isEqualTo(written.get(i).traceId());
      assertThat(read.get(i).batches()).isEqualTo(reader.find(id).fragments());
    }
  }
}
