package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.query.TimeRange;
import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Head blocks on disk: what leaves memory, where the files are, and what a restart does. */
class LiveTraceStoreHeadFilesTest {

  @TempDir Path dir;

  final MutableClock clock = new MutableClock();

  LiveTraceStore store() {
    return LiveTraceStore.builder()
        .clock(clock)
        .traceIdlePeriod(Duration.ofSeconds(5))
        .maxBlockDuration(Duration.ofHours(1))
        .headDirectory(dir)
        .build();
  }

  List<Path> headFiles() throws IOException {
    return IngesterTest.headFiles(dir);
  }

  @Test
  void idleTracesLeaveMemoryForAFileInTheTenantsDirectory() throws IOException {
    LiveTraceStore store = store();
    store.push("t", batch(span(1, 1, "a"), span(2, 1, "b")));
    assertThat(store.heldBytes()).isPositive();
    assertThat(headFiles()).isEmpty();

    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces();

    assertThat(store.heldBytes()).isZero();
    assertThat(headFiles())
        .singleElement()
        .satisfies(f -> assertThat(f).hasParent(dir.resolve("t")));
    assertThat(Files.size(headFiles().get(0))).isEqualTo(store.diskBytes());
    assertThat(Traces.spanCount(store.find("t", trace(2), TimeRange.ALL).fragments())).isOne();

    HeadBlock block = store.cutBlocks(false, true).get(0);
    assertThat(headFiles()).as("kept while the block is written").hasSize(1);
    store.flushed(block);
    assertThat(headFiles()).isEmpty();
  }

  @Test
  void whenTheDiskRefusesHeadFilesIdleTracesGoToABlockFromMemoryCutAtOnce() throws IOException {
    LiveTraceStore store = store();
    store.accept("t", batch(span(1, 1, "a"), span(1, 2, "b")), 7);
    long held = store.heldBytes();
    // A file where the tenant's directory would be: creating the head block file fails.
    Files.writeString(dir.resolve("t"), "");
    clock.advance(Duration.ofSeconds(5));

    assertThat(store.cutIdleTraces()).isOne();

    assertThat(store.liveTraces("t")).isZero();
    assertThat(store.heldBytes()).as("still on the heap").isEqualTo(held);
    assertThat(store.diskBytes()).isZero();
    assertThat(Traces.spanCount(store.find("t", trace(1), TimeRange.ALL).fragments())).isEqualTo(2);
    List<HeadBlock> blocks = store.cutBlocks(false);
    assertThat(blocks).as("cut although the head block is young").hasSize(1);
    HeadBlock block = blocks.get(0);
    List<TraceFragments> traces = new ArrayList<>();
    block.traces().forEach(traces::add);
    assertThat(traces).singleElement().satisfies(t -> assertThat(t.traceId()).isEqualTo(trace(1)));
    assertThat(Traces.spanCount(traces.get(0).batches())).isEqualTo(2);
    assertThat(Traces.spanCount(store.find("t", trace(1), TimeRange.ALL).fragments()))
        .as("findable while the block is written")
        .isEqualTo(2);
    assertThat(store.lowestWalSegment()).as("its log segment is still needed").isEqualTo(7);

    store.flushed(block);
    assertThat(store.heldBytes()).isZero();
    assertThat(store.find("t", trace(1), TimeRange.ALL).fragments()).isEmpty();
    assertThat(store.lowestWalSegment()).isEqualTo(Long.MAX_VALUE);

    // The disk takes writes again: head block files as before.
    Files.delete(dir.resolve("t"));
    store.push("t", batch(span(2, 1, "c")));
    clock.advance(Duration.ofSeconds(5));
    store.cutIdleTraces();
    assertThat(store.heldBytes()).isZero();
    assertThat(headFiles()).hasSize(1);
    assertThat(store.cutBlocks(false)).as("young head block file, not cut").isEmpty();
  }

  @Test
  void aTenantIdNamesADirectoryInsideTheHeadDirectoryOnly() throws IOException {
    assertThat(LiveTraceStore.directoryName("team-a_1")).isEqualTo("team-a_1");
    assertThat(LiveTraceStore.directoryName("../x")).isEqualTo("%2e%2e%2fx");
    assertThat(LiveTraceStore.directoryName("a%2fb")).isEqualTo("a%252fb");
    assertThat(LiveTraceStore.directoryName("é")).isEqualTo("%c3%a9");

    LiveTraceStore store = store();
    store.push("../x", batch(span(1, 1, "a")));
    store.cutAllLiveTraces();
    assertThat(headFiles())
        .singleElement()
        .satisfies(f -> assertThat(f.getParent()).isEqualTo(dir.resolve("%2e%2e%2fx")));
  }

  @Test
  void theHeadFilesAPreviousProcessLeftAreDeletedAndTheStoresOwnKept() throws IOException {
    LiveTraceStore crashed = store();
    crashed.push("t", batch(span(1, 1, "a")));
    crashed.cutAllLiveTraces();
    assertThat(headFiles()).hasSize(1);
    Path other = Files.writeString(dir.resolve("t").resolve("notes.txt"), "not a head file");

    LiveTraceStore restarted = store();
    restarted.push("u", batch(span(2, 1, "b")));
    restarted.cutAllLiveTraces();
    assertThat(headFiles()).hasSize(2);

    restarted.deleteLeftHeadFiles();

    assertThat(headFiles())
        .as("the log is replayed into new files; the store's own stay")
        .singleElement()
        .satisfies(f -> assertThat(f).hasParent(dir.resolve("u")));
    assertThat(other).exists();
    assertThat(restarted.find("t", trace(1), TimeRange.ALL).isEmpty()).isTrue();
    assertThat(restarted.find("u", trace(2), TimeRange.ALL).isEmpty()).isFalse();
  }

  @Test
  void aSearchKeepsReadingTheFileOfABlockWrittenMeanwhile() {
    LiveTraceStore store = store();
    store.push("t", batch(span(1, 1, "a")));
    HeadBlock writing = store.cutBlocks(true).get(0);

    try (HeldTrace.Snapshot snapshot = store.snapshot("t")) {
      store.flushed(writing);
      assertThat(store.find("t", trace(1), TimeRange.ALL).isEmpty()).isTrue();
      assertThat(snapshot.traces())
          .singleElement()
          .satisfies(t -> assertThat(Traces.spanCount(t.combined())).isOne());
    }
  }

  @Test
  void memoryHoldsOneRoundOfTracesWhileTheHeadBlockGrowsOnDiskAndItIsCutAsAStream() {
    LiveTraceStore store = store();
    int rounds = 40;
    int perRound = 500;
    String payload = "p".repeat(1000);
    long mostHeld = 0;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < perRound; i++) {
        int t = 1 + round * perRound + i;
        store.push("t", batch(span(t, 1, payload), span(t, 2, payload)));
      }
      mostHeld = Math.max(mostHeld, store.heldBytes());
      clock.advance(Duration.ofSeconds(5));
      store.cutIdleTraces();
      assertThat(store.heldBytes()).isZero();
    }
    long onDisk = store.diskBytes();
    assertThat(onDisk).as("about 40 MB on disk").isGreaterThan(40L * 1000 * 1000);
    assertThat(mostHeld).as("memory held about one round").isPositive().isLessThan(onDisk / 20);
    assertThat(store.headTraces("t")).isEqualTo(rounds * perRound);

    HeadBlock block = store.cutBlocks(false, true).get(0);
    assertThat(block.bytes()).isEqualTo(onDisk);
    assertThat(block.traceCount()).isEqualTo(rounds * perRound);
    TraceId previous = null;
    long spans = 0;
    for (TraceFragments t : block.traces()) {
      if (previous != null) {
        assertThat(t.traceId()).isGreaterThan(previous);
      }
      previous = t.traceId();
      spans += Traces.spanCount(t.batches());
    }
    assertThat(spans).isEqualTo(2L * rounds * perRound);
    store.flushed(block);
    assertThat(store.diskBytes()).isZero();
  }
}
