package dev.vivace.traceql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A span set while a query runs: the positions of its spans in the trace's list, and its
 * attributes. Neither is changed once the group is made.
 */
record SpanGroup(BitSet spans, List<Spanset.NamedValue> attributes) {

  SpanGroup {
    spans = (BitSet) spans.clone();
    attributes = List.copyOf(attributes);
  }

  /** A group of {@code spans} with these attributes, {@code added} replacing any of its name. */
  SpanGroup with(BitSet spans, List<Spanset.NamedValue> added) {
    List<Spanset.NamedValue> merged = new ArrayList<>(attributes);
    for (Spanset.NamedValue value : added) {
      merged.removeIf(existing -> existing.name().equals(value.name()));
      merged.add(value);
    }
    return new SpanGroup(spans, merged);
  }

  /** All spans of {@code groups}, each once. */
  static BitSet union(List<SpanGroup> groups) {
    BitSet out = new BitSet();
    for (SpanGroup group : groups) {
      out.or(group.spans);
    }
    return out;
  }

  /** The span set handed to callers, spans in the trace's order. */
  Spanset toSpanset(TraceSpans trace) {
    List<SpanView> views = new ArrayList<>(spans.cardinality());
    for (int i = spans.nextSetBit(0); i >= 0; i = spans.nextSetBit(i + 1)) {
      views.add(trace.span(i));
    }
    return new Spanset(views, attributes);
  }
}
