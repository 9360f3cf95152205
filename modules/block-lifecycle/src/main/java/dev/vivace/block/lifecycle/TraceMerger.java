package dev.vivace.block.lifecycle;

import dev.vivace.block.BlockTrace;
import dev.vivace.trace.TraceCombiner;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges traces of several blocks, each ascending by trace ID, into one ascending sequence, as
 * Tempo's compactor does (spec §11): a trace found in one input is passed on as it is; one found in
 * several is kept once when all copies are equal, else combined as queries combine it (spans
 * de-duplicated by span ID and kind, then sorted; {@link TraceCombiner#merge}) unless the copies
 * together exceed the maximum bytes per trace, when only the first input's copy is kept. Holds one
 * trace per input.
 */
final class TraceMerger implements Iterator<BlockTrace> {

  /** What the merge did, for logs and tests. */
  static final class Stats {
    long traces;
    long combined;
    long identical;
    long tooLarge;
  }

  /** The next trace of one input. */
  private static final class Head {
    final BlockTrace trace;
    final byte[] id;
    final int input;

    Head(BlockTrace trace, int input) {
      this.trace = trace;
      this.id = trace.traceId().toByteArray();
      this.input = input;
    }
  }

  private static final Comparator<Head> ORDER =
      Comparator.<Head, byte[]>comparing(h -> h.id, Arrays::compareUnsigned)
          .thenComparingInt(h -> h.input);

  private final List<? extends Iterator<BlockTrace>> inputs;
  private final long maxBytesPerTrace;
  private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
  private final Stats stats = new Stats();

  /**
   * @param maxBytesPerTrace the largest combined size of a trace's copies that is combined; 0 for
   *     no limit
   */
  TraceMerger(List<? extends Iterator<BlockTrace>> inputs, long maxBytesPerTrace) {
    this.inputs = inputs;
    this.maxBytesPerTrace = maxBytesPerTrace;
    for (int i = 0; i < inputs.size(); i++) {
      pull(i);
    }
  }

  Stats stats() {
    return stats;
  }

  private void pull(int input) {
    Iterator<BlockTrace> it = inputs.get(input);
    if (it.hasNext()) {
      BlockTrace t = it.next();
      heads.add(new Head(t, input));
    }
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public BlockTrace next() {
    Head first = heads.poll();
    if (first == null) {
      throw new NoSuchElementException();
    }
    pull(first.input);
    List<BlockTrace> copies = new ArrayList<>(1);
    copies.add(first.trace);
    for (Head h = heads.peek(); h != null && Arrays.equals(h.id, first.id); h = heads.peek()) {
      heads.poll();
      copies.add(h.trace);
      pull(h.input);
    }
    stats.traces++;
    return copies.size() == 1 ? first.trace : merge(copies);
  }

  private BlockTrace merge(List<BlockTrace> copies) {
    BlockTrace first = copies.get(0);
    boolean identical = true;
    long bytes = 0;
    for (BlockTrace t : copies) {
      identical &= t.batches().equals(first.batches());
      for (ResourceSpans rs : t.batches()) {
        bytes += rs.getSerializedSize();
      }
    }
    if (identical) {
      stats.identical++;
      return first;
    }
    if (maxBytesPerTrace > 0 && bytes > maxBytesPerTrace) {
      stats.tooLarge++;
      return first;
    }
    stats.combined++;
    List<ResourceSpans> all = new ArrayList<>();
    for (BlockTrace t : copies) {
      all.addAll(t.batches());
    }
    return new BlockTrace(first.traceId(), TraceCombiner.merge(all));
  }
}
