package dev.vivace.traceql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds a synthetic trace of {@link TestSpan}s, each with a 16-hex-digit span ID. */
final class TestTrace {

  private final List<TestSpan> spans = new ArrayList<>();
  private final Map<String, TestSpan> byLabel = new HashMap<>();
  private final Map<String, TestSpan> byId = new HashMap<>();

  /** A root span: it has no parent ID. */
  TestSpan root(String label) {
    return add(label, null);
  }

  /** A child of the span labelled {@code parentLabel}, which must already exist. */
  TestSpan child(String label, String parentLabel) {
    TestSpan parent = byLabel.get(parentLabel);
    if (parent == null) {
      throw new IllegalArgumentException("parentLabel: " + parentLabel + " (expected: a span)");
    }
    return add(label, parent.id());
  }

  /** A span whose parent ID is {@code parentId} as given, which may name no span of the trace. */
  TestSpan withParentId(String label, String parentId) {
    return add(label, parentId);
  }

  /** The spans in the order given by {@code labels}, which must name every span once. */
  List<TestSpan> inOrder(String... labels) {
    if (labels.length != spans.size()) {
      throw new IllegalArgumentException("labels: " + labels.length + " (expected: every span)");
    }
    List<TestSpan> ordered = new ArrayList<>();
    for (String label : labels) {
      ordered.add(span(label));
    }
    return ordered;
  }

  List<TestSpan> spans() {
    return List.copyOf(spans);
  }

  TestSpan span(String label) {
    TestSpan span = byLabel.get(label);
    if (span == null) {
      throw new IllegalArgumentException("label: " + label + " (expected: a span)");
    }
    return span;
  }

  @Nullable TestSpan byId(String id) {
    return byId.get(id);
  }

  private TestSpan add(String label, @Nullable String parentId) {
    String id = String.format(Locale.ROOT, "%016x", spans.size() + 1);
    TestSpan span = new TestSpan(this, label, id, parentId);
    spans.add(span);
    byLabel.put(label, span);
    byId.put(id, span);
    return span;
  }
}
