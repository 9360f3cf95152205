package dev.vivace.block.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockTrace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Merging blocks' traces by ID, and the owner that lets one job of a tenant run at a time. */
class TraceMergerTest {

  static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");

  static List<BlockTrace> merge(long maxBytes, List<List<BlockTrace>> inputs) {
    List<Iterator<BlockTrace>> its = new ArrayList<>();
    for (List<BlockTrace> in : inputs) {
      its.add(in.iterator());
    }
    List<BlockTrace> out = new ArrayList<>();
    new TraceMerger(its, maxBytes).forEachRemaining(out::add);
    return out;
  }

  static BlockTrace trace(int t, Integer... spans) {
    return CompactionData.trace(t, List.of(spans), AT);
  }

  @Test
  void tracesComeOutInIdOrderAndCopiesAreCombined() {
    List<BlockTrace> out =
        merge(
            0,
            List.of(
                CompactionData.sorted(List.of(trace(1, 0, 1), trace(3, 0))),
                CompactionData.sorted(List.of(trace(2, 0), trace(3, 1, 2))),
                List.of(),
                CompactionData.sorted(List.of(trace(3, 0, 2)))));
    assertThat(out)
        .extracting(t -> t.traceId().toHex())
        .containsExactlyElementsOf(
            CompactionData.sorted(List.of(trace(1), trace(2), trace(3))).stream()
                .map(t -> t.traceId().toHex())
                .toList());
    BlockTrace three =
        out.stream().filter(t -> t.traceId().equals(trace(3).traceId())).findFirst().orElseThrow();
    assertThat(CompactionData.spans(three.batches()).keySet())
        .isEqualTo(CompactionData.spans(trace(3, 0, 1, 2).batches()).keySet());
  }

  @Test
  void identicalCopiesAreKeptOnceAndTooLargeOnesKeepTheFirstInputs() {
    BlockTrace a = trace(5, 0, 1);
    assertThat(merge(0, List.of(List.of(a), List.of(a), List.of(a)))).containsExactly(a);

    BlockTrace first = trace(5, 0);
    BlockTrace second = trace(5, 1);
    long bytes =
        first.batches().get(0).getSerializedSize() + second.batches().get(0).getSerializedSize();
    assertThat(merge(bytes - 1, List.of(List.of(first), List.of(second)))).containsExactly(first);
    List<BlockTrace> combined = merge(bytes, List.of(List.of(first), List.of(second)));
    assertThat(CompactionData.spans(combined.get(0).batches())).hasSize(2);
  }

  @Test
  void theInProcessOwnerRunsOneJobOfATenantAtATime() {
    CompactionOwner owner = CompactionOwner.inProcess();
    Optional<CompactionOwner.Lease> a = owner.tryAcquire("t", "t-0-1");
    assertThat(a).isPresent();
    assertThat(owner.tryAcquire("t", "t-0-2")).isEmpty();
    Optional<CompactionOwner.Lease> other = owner.tryAcquire("u", "u-0-1");
    assertThat(other).isPresent();
    a.get().close();
    assertThat(owner.tryAcquire("t", "t-0-2")).isPresent();
  }
}
