package dev.vivace.block.lifecycle;

import static dev.vivace.block.lifecycle.CompactionData.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.CompactedBlockMeta;
import dev.vivace.block.list.Blocklist;
import dev.vivace.block.vparquet4.BlockTraceIterator;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction of real blocks over the local object store, on a fake clock. */
class CompactorTest {

  static final Instant SPANS_AT = Instant.parse("2026-01-01T10:20:00Z");
  static final int TRACES = 40;

  @TempDir Path dir;
  ObjectStore store;
  FakeClock clock;
  VParquet4BlockWriter writer;

  @BeforeEach
  void setUp() {
    store = LocalObjectStore.of(dir.resolve("bucket"));
    clock = new FakeClock(Instant.parse("2026-01-01T12:00:00Z"));
    writer = VParquet4BlockWriter.builder(store).tempDir(dir).build();
  }

  CompactorBuilder compactor() {
    return Compactor.builder(store)
        .clock(clock)
        .writer(writer)
        .leftoverGrace(Duration.ofMinutes(10));
  }

  /**
   * Block {@code b} of 12 holds the traces {@code t} with {@code (t + b) % 3 == 0}, and of each the
   * spans {@code s < 6} with {@code (s + b) % 4 != 0}: most spans are in several blocks, some
   * traces are split over blocks.
   */
  List<BlockMeta> writeTwelveBlocks() {
    List<BlockMeta> metas = new ArrayList<>();
    for (int b = 0; b < 12; b++) {
      List<BlockTrace> traces = new ArrayList<>();
      for (int t = 0; t < TRACES; t++) {
        if ((t + b) % 3 == 0) {
          int block = b;
          List<Integer> spans =
              IntStream.range(0, 6).filter(s -> (s + block) % 4 != 0).boxed().toList();
          traces.add(CompactionData.trace(t, spans, SPANS_AT));
        }
      }
      metas.add(writer.write(TENANT, UUID.randomUUID(), CompactionData.sorted(traces)));
    }
    return metas;
  }

  static List<String> traceIds() {
    return IntStream.range(0, TRACES).mapToObj(CompactionData::traceHex).toList();
  }

  Blocklist poll() {
    Blocklist blocklist = new Blocklist();
    TenantIndexPoller.builder(store, blocklist).clock(clock).build().poll();
    return blocklist;
  }

  @Test
  void twelveBlocksBecomeOneAndEveryTraceReadsAsBefore() {
    List<BlockMeta> inputs = writeTwelveBlocks();
    Map<String, Map<String, List<Object>>> before =
        CompactionData.lookup(store, poll(), traceIds());
    assertThat(before.values()).allSatisfy(spans -> assertThat(spans).isNotEmpty());

    Compactor compactor = compactor().build();
    // Level 0: three jobs of four blocks (Tempo's most inputs), into three level-1 blocks.
    assertThat(compactor.run()).isEqualTo(new Compactor.Result(3, 12, 0, 0));
    List<BlockMeta> level1 = CompactionData.live(store, TENANT);
    assertThat(level1).hasSize(3).allSatisfy(m -> assertThat(m.compactionLevel()).isEqualTo(1));
    // Level 1: one job of the three.
    assertThat(compactor.run()).isEqualTo(new Compactor.Result(1, 3, 0, 0));
    assertThat(compactor.run()).isEqualTo(new Compactor.Result(0, 0, 0, 0));

    List<BlockMeta> live = CompactionData.live(store, TENANT);
    assertThat(live).hasSize(1);
    BlockMeta out = live.get(0);
    assertThat(out.compactionLevel()).isEqualTo(2);
    assertThat(out.totalObjects()).isEqualTo(TRACES);
    assertThat(out.version()).isEqualTo(VParquet4BlockReader.VERSION);
    assertThat(out.startTime())
        .isEqualTo(inputs.stream().map(BlockMeta::startTime).min(Instant::compareTo).get());
    assertThat(out.endTime())
        .isEqualTo(inputs.stream().map(BlockMeta::endTime).max(Instant::compareTo).get());
    assertThat(out.dedicatedColumns()).isEqualTo(inputs.get(0).dedicatedColumns());
    assertThat(CompactionData.leftovers(store, TENANT)).isEmpty();

    // Every input is marked compacted, with the compaction's time.
    for (BlockMeta in : inputs) {
      String meta = TENANT + "/" + in.blockId() + "/";
      assertThat(store.list(meta))
          .contains(meta + BlockMetaJson.COMPACTED_META_OBJECT)
          .doesNotContain(meta + BlockMetaJson.META_OBJECT);
      assertThat(
              BlockMetaJson.parseCompacted(store.get(meta + BlockMetaJson.COMPACTED_META_OBJECT)))
          .isEqualTo(new CompactedBlockMeta(in, clock.instant()));
    }

    // The output alone holds each trace once, with the spans all blocks held before.
    VParquet4BlockReader reader = VParquet4BlockReader.of(store, out);
    for (String id : traceIds()) {
      assertThat(CompactionData.spans(reader.find(dev.vivace.trace.TraceId.parse(id)).fragments()))
          .as(id)
          .isEqualTo(before.get(id));
    }
    assertThat(CompactionData.lookup(store, poll(), traceIds())).isEqualTo(before);
    List<BlockTrace> all = new ArrayList<>();
    try (BlockTraceIterator it = reader.traces()) {
      it.forEachRemaining(all::add);
    }
    assertThat(all).hasSize(TRACES);
  }

  @Test
  void theOutputIsWrittenBeforeItsMetaAndTheInputsAreMarkedAfter() {
    List<BlockMeta> inputs = writeTwelveBlocks().subList(0, 3);
    List<String> ops = Collections.synchronizedList(new ArrayList<>());
    ObjectStore recording =
        new ForwardingObjectStore(store) {
          @Override
          public void put(String key, byte[] bytes) {
            ops.add("put " + key);
            super.put(key, bytes);
          }

          @Override
          public void put(String key, InputStream in, long length) {
            ops.add("put " + key);
            super.put(key, in, length);
          }

          @Override
          public void delete(String key) {
            ops.add("delete " + key);
            super.delete(key);
          }
        };
    Compactor compactor =
        Compactor.builder(recording)
            .clock(clock)
            .writer(VParquet4BlockWriter.builder(recording).tempDir(dir).build())
            .build();
    BlockMeta out = compactor.compact(inputs);
    String o = TENANT + "/" + out.blockId() + "/";
    List<String> expected = new ArrayList<>();
    expected.add("put " + o + "data.parquet");
    for (int i = 0; i < out.bloomShards(); i++) {
      expected.add("put " + o + "bloom-" + i);
    }
    expected.add("put " + o + "index");
    expected.add("put " + o + "meta.json");
    for (BlockMeta in : inputs) {
      String d = TENANT + "/" + in.blockId() + "/";
      expected.add("put " + d + "meta.compacted.json");
      expected.add("delete " + d + "meta.json");
    }
    assertThat(ops).containsExactlyElementsOf(expected);
    assertThat(out.compactionLevel()).isEqualTo(1);
    assertThat(BlockMetaJson.parse(store.get(o + "meta.json"))).isEqualTo(out);
  }

  @Test
  void theTempoFixtureIsCompactedWithVivaceBlocksAndVParquet3IsRewrittenAsVParquet4() {
    String block = TempoFixtures.VPARQUET4_TENANT + "/" + TempoFixtures.VPARQUET4_BLOCK_ID;
    Path v4 = TempoFixtures.vparquet4BackendRoot();
    Path v3 = v4.getParent().getParent().resolve(Path.of("vparquet3", "test-data"));
    ObjectStore tempo = LocalObjectStore.of(v4);
    BlockMeta fixture = BlockMetaJson.parse(tempo.get(block + "/meta.json"));
    VParquet4BlockReader fixtureReader = VParquet4BlockReader.of(tempo, fixture);
    List<BlockTrace> fixtureTraces = new ArrayList<>();
    try (BlockTraceIterator it = fixtureReader.traces()) {
      it.forEachRemaining(fixtureTraces::add);
    }
    assertThat(fixtureTraces).hasSize(134);

    for (Path root : List.of(v4, v3)) {
      Path bucket = dir.resolve(root == v4 ? "with-v4" : "with-v3");
      CompactionData.copy(root.resolve(block), bucket.resolve(block));
      ObjectStore s = LocalObjectStore.of(bucket);
      BlockMeta tempoMeta = BlockMetaJson.parse(s.get(block + "/meta.json"));
      // A Vivace block with the first ten fixture traces again, split into their halves, and one
      // trace of its own.
      List<BlockTrace> own = new ArrayList<>();
      for (BlockTrace t : fixtureTraces.subList(0, 10)) {
        own.add(new BlockTrace(t.traceId(), t.batches().subList(0, (t.batches().size() + 1) / 2)));
      }
      own.add(CompactionData.trace(1, List.of(0, 1, 2), SPANS_AT));
      BlockMeta vivace =
          VParquet4BlockWriter.builder(s)
              .dedicatedColumns(fixture.dedicatedColumns())
              .tempDir(dir)
              .build()
              .write(TempoFixtures.VPARQUET4_TENANT, UUID.randomUUID(), CompactionData.sorted(own));

      BlockMeta out =
          Compactor.builder(s)
              .clock(clock)
              .writer(VParquet4BlockWriter.builder(s).tempDir(dir).build())
              .build()
              .compact(List.of(tempoMeta, vivace));

      assertThat(out.version()).isEqualTo("vParquet4");
      assertThat(out.totalObjects()).isEqualTo(135);
      assertThat(out.dedicatedColumns()).isEqualTo(fixture.dedicatedColumns());
      assertThat(out.startTime())
          .isEqualTo(
              tempoMeta.startTime().isBefore(vivace.startTime())
                  ? tempoMeta.startTime()
                  : vivace.startTime());
      assertThat(out.endTime()).isEqualTo(vivace.endTime());
      VParquet4BlockReader reader = VParquet4BlockReader.of(s, out);
      for (BlockTrace t : fixtureTraces) {
        assertThat(CompactionData.spans(reader.find(t.traceId()).fragments()))
            .as(t.traceId().toHex())
            .isEqualTo(CompactionData.spans(fixtureReader.find(t.traceId()).fragments()));
      }
      assertThat(CompactionData.spans(reader.find(own.get(10).traceId()).fragments()).keySet())
          .isEqualTo(CompactionData.spans(own.get(10).batches()).keySet());
      assertThat(s.list(block + "/")).contains(block + "/meta.compacted.json");
    }
  }

  @Test
  void aFailedJobLeavesNoPartialOutputAndTheInputsLive() {
    List<BlockMeta> inputs = writeTwelveBlocks().subList(0, 2);
    ObjectStore failing =
        new ForwardingObjectStore(store) {
          @Override
          public void put(String key, byte[] bytes) {
            if (key.endsWith("/index")) {
              throw new dev.vivace.storage.StorageException("injected failure");
            }
            super.put(key, bytes);
          }
        };
    Compactor compactor =
        Compactor.builder(failing)
            .clock(clock)
            .writer(VParquet4BlockWriter.builder(failing).tempDir(dir).build())
            .build();
    assertThatThrownBy(() -> compactor.compact(inputs)).hasMessageContaining("injected failure");
    assertThat(CompactionData.leftovers(store, TENANT)).isEmpty();
    assertThat(CompactionData.live(store, TENANT)).hasSize(12);
  }

  @Test
  void invalidInputsAndSettingsAreRefused() {
    Compactor compactor = compactor().build();
    assertThatThrownBy(() -> compactor.compact(List.of()))
        .hasMessage("inputs: none (expected: at least one block)");
    CompactorBuilder b = Compactor.builder(store);
    assertThatThrownBy(() -> b.inputBlocks(1, 4))
        .hasMessage("inputBlocks: 1..4 (expected: 2 <= min <= max)");
    assertThatThrownBy(() -> b.compactionWindow(Duration.ZERO))
        .hasMessage("compactionWindow: PT0S (expected: >= 1s)");
    assertThatThrownBy(() -> b.maxBlockBytes(0)).hasMessage("maxBlockBytes: 0 (expected: > 0)");
    assertThatThrownBy(() -> b.maxBytesPerTrace(-1))
        .hasMessage("maxBytesPerTrace: -1 (expected: >= 0)");
  }
}
