package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.BlockEncoding;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VParquet4BlockWriterTest {

  private static final UUID BLOCK_ID = UUID.fromString("3c9c2b0e-6d1f-4b62-9a55-0d7f1c2e8a11");
  private static final String PREFIX = "single-tenant/" + BLOCK_ID + "/";

  private static BlockMeta fixtureMeta;
  private static List<BlockTrace> fixtureTraces;

  @TempDir Path dir;

  @BeforeAll
  static void readFixture() {
    ObjectStore fixture = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
    fixtureMeta = BlockMetaJson.parse(fixture.get(VParquet4BlockReaderTest.BLOCK + "meta.json"));
    VParquet4BlockReader reader = VParquet4BlockReader.of(fixture, fixtureMeta);
    fixtureTraces = new ArrayList<>();
    for (FixtureTraces t : FixtureTraces.all()) {
      fixtureTraces.add(new BlockTrace(t.traceId(), reader.find(t.traceId()).fragments()));
    }
  }

  /** Records the order of writes. */
  static final class RecordingStore extends ForwardingObjectStore {
    final List<String> puts = new ArrayList<>();

    RecordingStore(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public void put(String key, byte[] bytes) {
      puts.add(key.substring(key.lastIndexOf('/') + 1));
      super.put(key, bytes);
    }

    @Override
    public void put(String key, InputStream in, long length) {
      puts.add(key.substring(key.lastIndexOf('/') + 1));
      super.put(key, in, length);
    }
  }

  private VParquet4BlockWriter writer(ObjectStore store) {
    return VParquet4BlockWriter.builder(store)
        .dedicatedColumns(fixtureMeta.dedicatedColumns())
        .tempDir(dir)
        .build();
  }

  @Test
  void fixtureTracesRoundTripExactly() {
    ObjectStore store = LocalObjectStore.of(dir.resolve("store"));
    BlockMeta meta = writer(store).write("single-tenant", BLOCK_ID, fixtureTraces);

    VParquet4BlockReader reader = VParquet4BlockReader.of(store, meta);
    int merged = 0;
    for (BlockTrace t : fixtureTraces) {
      List<ResourceSpans> back = reader.find(t.traceId()).fragments();
      assertThat(RoundTrip.flatten(back))
          .as(t.traceId().toHex())
          .isEqualTo(RoundTrip.flatten(t.batches()));
      if (back.size() == t.batches().size()) {
        assertThat(back).as(t.traceId().toHex()).isEqualTo(t.batches());
      } else {
        merged++; // the fixture holds a few unmerged equal resources; our writer re-batches them
        assertThat(back.size()).isLessThan(t.batches().size());
      }
    }
    assertThat(merged).isLessThan(10);
    assertThat(reader.find(TraceId.parse("474be8b43449fc")).isEmpty()).isTrue();
  }

  @Test
  void writesObjectsInTempoOrderWithAConsistentMeta() {
    RecordingStore store = new RecordingStore(LocalObjectStore.of(dir.resolve("store")));
    BlockMeta meta = writer(store).write("single-tenant", BLOCK_ID, fixtureTraces);

    assertThat(store.puts).containsExactly("data.parquet", "bloom-0", "index", "meta.json");
    byte[] data = store.get(PREFIX + "data.parquet");
    ByteBuffer tail = ByteBuffer.wrap(data, data.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(meta)
        .isEqualTo(BlockMetaJson.parse(store.get(PREFIX + "meta.json")))
        .satisfies(
            m -> {
              assertThat(m.version()).isEqualTo("vParquet4");
              assertThat(m.blockId()).isEqualTo(BLOCK_ID);
              assertThat(m.tenantId()).isEqualTo("single-tenant");
              assertThat(m.totalObjects()).isEqualTo(134);
              assertThat(m.size()).isEqualTo(data.length);
              assertThat(m.footerSize()).isEqualTo(tail.getInt());
              assertThat(m.totalRecords()).isEqualTo(1);
              assertThat(m.bloomShards()).isEqualTo(1);
              assertThat(m.encoding()).isEqualTo(BlockEncoding.NONE);
              assertThat(m.dataEncoding()).isEmpty();
              assertThat(m.compactionLevel()).isZero();
              assertThat(m.replicationFactor()).isZero();
              assertThat(m.startTime()).isEqualTo(Instant.parse("2022-07-04T11:11:09Z"));
              assertThat(m.endTime()).isEqualTo(Instant.parse("2022-07-04T11:11:35Z"));
              assertThat(m.dedicatedColumns()).isEqualTo(fixtureMeta.dedicatedColumns());
            });
    // Same IDs, Tempo's default bloom parameters: 7 hashes, 100 KiB shard, every ID positive.
    BloomFilter bloom = BloomFilter.parse(store.get(PREFIX + "bloom-0"));
    assertThat(bloom.hashCount()).isEqualTo(7);
    assertThat(store.get(PREFIX + "bloom-0")).hasSize(102_424);
    // The index names the largest ID, exactly as the fixture's index does.
    assertThat(store.get(PREFIX + "index"))
        .isEqualTo(
            LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot())
                .get(VParquet4BlockReaderTest.BLOCK + "index"));
  }

  @Test
  void manyRowGroupsAreIndexedAndSearchable() {
    ObjectStore store = LocalObjectStore.of(dir.resolve("store"));
    BlockMeta meta =
        VParquet4BlockWriter.builder(store)
            .dedicatedColumns(fixtureMeta.dedicatedColumns())
            .rowGroupSizeBytes(1024)
            .tempDir(dir)
            .build()
            .write("single-tenant", BLOCK_ID, fixtureTraces);

    assertThat(meta.totalRecords()).isGreaterThan(1);
    RowGroupIndex index = RowGroupIndex.parse(store.get(PREFIX + "index"));
    assertThat(index.rowGroupCount()).isEqualTo(meta.totalRecords());
    VParquet4BlockReader reader = VParquet4BlockReader.of(store, meta);
    for (BlockTrace t : fixtureTraces) {
      assertThat(RoundTrip.flatten(reader.find(t.traceId()).fragments()))
          .isEqualTo(RoundTrip.flatten(t.batches()));
    }
  }

  @Test
  void rejectsUnsortedDuplicateOrNoTraces() {
    ObjectStore store = LocalObjectStore.of(dir.resolve("store"));
    List<BlockTrace> unsorted = List.of(fixtureTraces.get(1), fixtureTraces.get(0));
    List<BlockTrace> repeated = List.of(fixtureTraces.get(0), fixtureTraces.get(0));

    assertThatThrownBy(() -> writer(store).write("t", BLOCK_ID, unsorted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "traces: 000000000000000000474be8b43449fb after 0000000000000000013ffead72db6cb5"
                + " (expected: ascending trace IDs without repeats)");
    assertThatThrownBy(() -> writer(store).write("t", BLOCK_ID, repeated))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer(store).write("t", BLOCK_ID, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("traces: none (expected: at least one trace)");
    assertThat(store.list("")).isEmpty();
  }
}
