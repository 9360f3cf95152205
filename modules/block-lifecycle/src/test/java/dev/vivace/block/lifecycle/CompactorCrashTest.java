package dev.vivace.block.lifecycle;

import static dev.vivace.block.lifecycle.CompactionData.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.list.Blocklist;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import dev.vivace.storage.local.LocalObjectStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compaction stopped at each of its writes and deletes in turn, as by a crash: a fresh compactor
 * and lookup then see every trace once, with all its spans, and the leftovers are deleted.
 */
class CompactorCrashTest {

  static final Instant SPANS_AT = Instant.parse("2026-01-01T10:20:00Z");
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final Duration GRACE = Duration.ofMinutes(10);
  static final int TRACES = 12;
  static final int BLOCKS = 4;

  @TempDir Path dir;

  /** Fails every write and delete from the {@code failAt}-th on, as a process that died there. */
  static final class CrashingStore extends ForwardingObjectStore {
    final int failAt;
    final AtomicInteger mutations = new AtomicInteger();

    CrashingStore(ObjectStore delegate, int failAt) {
      super(delegate);
      this.failAt = failAt;
    }

    private void mutate(String key) {
      if (mutations.incrementAndGet() >= failAt) {
        throw new StorageException("crashed before changing " + key);
      }
    }

    @Override
    public void put(String key, byte[] bytes) {
      mutate(key);
      super.put(key, bytes);
    }

    @Override
    public void put(String key, InputStream in, long length) {
      mutate(key);
      super.put(key, in, length);
    }

    @Override
    public void delete(String key) {
      mutate(key);
      super.delete(key);
    }
  }

  static List<String> traceIds() {
    return IntStream.range(0, TRACES).mapToObj(CompactionData::traceHex).toList();
  }

  Path writeTemplate() {
    Path template = dir.resolve("template");
    ObjectStore store = LocalObjectStore.of(template);
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(store).tempDir(dir).build();
    for (int b = 0; b < BLOCKS; b++) {
      List<BlockTrace> traces = new ArrayList<>();
      for (int t = 0; t < TRACES; t++) {
        if ((t + b) % 2 == 0 || t % 5 == 0) {
          int block = b;
          List<Integer> spans =
              IntStream.range(0, 5).filter(s -> (s + block) % 3 != 0).boxed().toList();
          traces.add(CompactionData.trace(t, spans, SPANS_AT));
        }
      }
      writer.write(TENANT, CompactionData.uuid(b), CompactionData.sorted(traces));
    }
    return template;
  }

  static Blocklist poll(ObjectStore store, FakeClock clock) {
    Blocklist blocklist = new Blocklist();
    TenantIndexPoller.builder(store, blocklist).clock(clock).build().poll();
    return blocklist;
  }

  Compactor compactor(ObjectStore store, FakeClock clock) {
    return Compactor.builder(store)
        .clock(clock)
        .leftoverGrace(GRACE)
        .writer(VParquet4BlockWriter.builder(store).tempDir(dir).build())
        .build();
  }

  @Test
  void aCompactionStoppedAtAnyWriteLosesAndDuplicatesNothing() {
    Path template = writeTemplate();
    ObjectStore templateStore = LocalObjectStore.of(template);
    FakeClock templateClock = new FakeClock(NOW);
    Map<String, Map<String, List<Object>>> expected =
        CompactionData.lookup(templateStore, poll(templateStore, templateClock), traceIds());

    // A compaction that runs through: how many writes and deletes it makes.
    Path clean = dir.resolve("clean");
    CompactionData.copy(template, clean);
    CrashingStore counting = new CrashingStore(LocalObjectStore.of(clean), Integer.MAX_VALUE);
    assertThat(compactor(counting, new FakeClock(NOW)).run().jobs()).isEqualTo(1);
    int mutations = counting.mutations.get();
    assertThat(mutations).isGreaterThanOrEqualTo(4 + 2 * BLOCKS);

    int leftOver = 0;
    int duplicated = 0;
    for (int n = 1; n <= mutations; n++) {
      Path bucket = dir.resolve("crash-" + n);
      CompactionData.copy(template, bucket);
      ObjectStore store = LocalObjectStore.of(bucket);
      FakeClock clock = new FakeClock(NOW);
      Compactor.Result crashed = compactor(new CrashingStore(store, n), clock).run();
      assertThat(crashed.failed()).as("crash at %d", n).isEqualTo(1);

      // After the crash: every trace once, whatever was left.
      assertThat(CompactionData.lookup(store, poll(store, clock), traceIds()))
          .as("crash at %d", n)
          .isEqualTo(expected);
      if (!CompactionData.leftovers(store, TENANT).isEmpty()) {
        leftOver++;
      }
      if (CompactionData.live(store, TENANT).size() > 1
          && CompactionData.live(store, TENANT).stream().anyMatch(m -> m.compactionLevel() > 0)) {
        duplicated++;
      }

      // A fresh compactor finishes the work and removes what was left over.
      Compactor fresh = compactor(store, clock);
      fresh.run();
      clock.advance(GRACE.plusSeconds(1));
      for (int i = 0; i < 5 && fresh.run().jobs() > 0; i++) {
        clock.advance(Duration.ofSeconds(30));
      }
      assertThat(CompactionData.leftovers(store, TENANT)).as("crash at %d", n).isEmpty();
      assertThat(CompactionData.lookup(store, poll(store, clock), traceIds()))
          .as("crash at %d", n)
          .isEqualTo(expected);
      List<BlockMeta> live = CompactionData.live(store, TENANT);
      assertThat(live).as("crash at %d", n).isNotEmpty();
      assertThat(live.stream().mapToLong(BlockMeta::totalObjects).max().getAsLong())
          .isEqualTo(TRACES);
    }
    // Crashes before the output's meta leave leftovers; after it, output and inputs together.
    assertThat(leftOver).isGreaterThan(0);
    assertThat(duplicated).isGreaterThan(0);
  }
}
