package dev.vivace.ingester;

import dev.vivace.trace.TraceCombiner;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace as a tenant held it at one moment, in all its stages: the records of it in head block
 * files on disk, oldest stage first (blocks being written, then the head block), its live fragments
 * in memory, and the encoded bytes they take. The lists are copies made under the tenant's lock;
 * the fragments are immutable, and the files stay readable until the {@link Snapshot} is closed.
 */
record HeldTrace(TraceId traceId, List<OnDisk> onDisk, List<ResourceSpans> inMemory, long bytes) {

  /** Records of the trace in one head block file. */
  record OnDisk(HeadFile file, List<HeadFile.Fragment> fragments) {}

  /** Every fragment, oldest stage first, as lookups return them; reads the records on disk. */
  List<ResourceSpans> fragments() {
    if (onDisk.isEmpty()) {
      return inMemory;
    }
    List<ResourceSpans> out = new ArrayList<>();
    for (OnDisk d : onDisk) {
      out.addAll(d.file().read(traceId, d.fragments()));
    }
    out.addAll(inMemory);
    return out;
  }

  /**
   * The fragments merged into one copy of each span, as Tempo combines a trace: a span resent after
   * its trace moved on to another stage is held twice. Span IDs stay as stored, as blocks store
   * them.
   */
  List<ResourceSpans> combined() {
    List<ResourceSpans> fragments = fragments();
    return fragments.size() == 1 ? fragments : TraceCombiner.merge(fragments);
  }

  /** Every trace a tenant held, once each; closing it lets go of the head block files. */
  record Snapshot(List<HeldTrace> traces, List<HeadFile> files) implements AutoCloseable {

    static final Snapshot EMPTY = new Snapshot(List.of(), List.of());

    @Override
    public void close() {
      for (HeadFile f : files) {
        f.release();
      }
    }
  }
}
