package dev.vivace.block.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.query.TimeRange;
import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.Traces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockObjectCacheTest {

  @TempDir Path bucket;

  static final class CountingStore extends ForwardingObjectStore {
    final AtomicInteger gets = new AtomicInteger();

    CountingStore(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public byte[] get(String key) {
      gets.incrementAndGet();
      return super.get(key);
    }
  }

  @Test
  void bloomsAndIndexesAreReadOnceAndParallelLookupsAgree() {
    CountingStore counting = new CountingStore(LocalObjectStore.of(bucket));
    Blocklist blocklist = new Blocklist();
    VParquet4BlockSink sink =
        new VParquet4BlockSink(VParquet4BlockWriter.builder(counting).build(), blocklist);
    long start = 1_700_000_000_000_000_000L;
    List<TraceFragments> wanted = new ArrayList<>();
    for (int b = 0; b < 12; b++) {
      TraceFragments t = BlocklistTest.trace(b + 1, start);
      wanted.add(t);
      sink.write("t", UUID.randomUUID(), List.of(t));
    }
    BlockObjectCache cache = new BlockObjectCache(counting, BlockObjectCache.DEFAULT_MAX_BYTES);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      BlockTraceFinder parallel = new BlockTraceFinder(cache, blocklist, pool);
      BlockTraceFinder sequential = new BlockTraceFinder(counting, blocklist);
      for (TraceFragments t : wanted) {
        var a = parallel.find("t", t.traceId(), TimeRange.ALL);
        var b = sequential.find("t", t.traceId(), TimeRange.ALL);
        assertThat(Traces.spanCount(a.fragments())).isEqualTo(1);
        assertThat(Traces.spanCount(b.fragments())).isEqualTo(1);
      }
      // After the first lookup every bloom shard is cached: 12 blocks, 1 shard each.
      assertThat(cache.misses()).isLessThanOrEqualTo(12 + 12);
      assertThat(cache.hits()).isGreaterThanOrEqualTo(11 * 12);
      int before = counting.gets.get();
      parallel.find("t", BlocklistTest.trace(99, start).traceId(), TimeRange.ALL);
      // An absent trace costs no GET at all once blooms are cached (unless a bloom false positive).
      assertThat(counting.gets.get() - before).isLessThanOrEqualTo(2);
    } finally {
      pool.shutdown();
    }
  }
}
