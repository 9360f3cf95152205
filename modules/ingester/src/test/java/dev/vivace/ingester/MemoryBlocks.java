package dev.vivace.ingester;

import dev.vivace.ingest.BlockSink;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps written blocks in memory; can be told to fail the next writes. */
final class MemoryBlocks implements BlockSink {
  final Map<UUID, List<TraceFragments>> blocks = new ConcurrentHashMap<>();
  final AtomicInteger failNext = new AtomicInteger();
  final Set<String> failingTenants = ConcurrentHashMap.newKeySet();
  volatile Runnable beforeWrite = () -> {};

  @Override
  public void write(String tenant, UUID blockId, Iterable<TraceFragments> traces) {
    beforeWrite.run();
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || failingTenants.contains(tenant)) {
      throw new StorageException("object store unavailable (test)");
    }
    List<TraceFragments> copy = new ArrayList<>();
    traces.forEach(copy::add);
    blocks.put(blockId, copy);
  }

  int spans(TraceId id) {
    int n = 0;
    for (List<TraceFragments> block : blocks.values()) {
      for (TraceFragments t : block) {
        if (t.traceId().equals(id)) {
          n += Traces.spanCount(t.batches());
        }
      }
    }
    return n;
  }
}
