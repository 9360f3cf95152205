package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The spans of one trace, addressed by their position in the list the caller gave, and the
 * parent/child structure between them, built on first use from {@link Intrinsic#SPAN_ID} and {@link
 * Intrinsic#SPAN_PARENT_ID}.
 *
 * <p>A span is a root when its parent ID is missing, empty or all zeros, when no span of the trace
 * has that ID, or when it names the span itself. When several spans share an ID, the first one
 * stands for the ID. Parent IDs that form a cycle are tolerated: every walk here visits a span at
 * most once.
 */
final class TraceSpans {

  static final int NO_PARENT = -1;

  private final List<? extends SpanView> spans;
  private int @Nullable [] parents;
  private int @Nullable [] childStart;
  private int @Nullable [] childList;

  TraceSpans(List<? extends SpanView> spans) {
    this.spans = spans;
  }

  int size() {
    return spans.size();
  }

  SpanView span(int index) {
    return spans.get(index);
  }

  /** The position of the parent of the span at {@code index}, or {@link #NO_PARENT}. */
  int parent(int index) {
    return parents()[index];
  }

  /** Calls {@code action} with the position of each direct child of the span at {@code index}. */
  void forEachChild(int index, IntConsumer action) {
    parents();
    int[] start = requireNonNull(childStart, "childStart");
    int[] list = requireNonNull(childList, "childList");
    for (int k = start[index]; k < start[index + 1]; k++) {
      action.accept(list[k]);
    }
  }

  private int[] parents() {
    int[] known = parents;
    if (known != null) {
      return known;
    }
    int n = spans.size();
    Map<String, Integer> byId = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      String id = id(spans.get(i).intrinsic(Intrinsic.SPAN_ID));
      if (id != null) {
        byId.putIfAbsent(id, i);
      }
    }
    int[] result = new int[n];
    int[] counts = new int[n + 1];
    for (int i = 0; i < n; i++) {
      String parentId = id(spans.get(i).intrinsic(Intrinsic.SPAN_PARENT_ID));
      Integer parent = parentId == null ? null : byId.get(parentId);
      result[i] = parent == null || parent == i ? NO_PARENT : parent;
      if (result[i] != NO_PARENT) {
        counts[result[i] + 1]++;
      }
    }
    // Children in compressed rows: the children of i are list[start[i] .. start[i + 1]).
    for (int i = 0; i < n; i++) {
      counts[i + 1] += counts[i];
    }
    int[] fill = Arrays.copyOf(counts, n);
    int[] list = new int[counts[n]];
    for (int i = 0; i < n; i++) {
      if (result[i] != NO_PARENT) {
        list[fill[result[i]]++] = i;
      }
    }
    childStart = counts;
    childList = list;
    parents = result;
    return result;
  }

  /** A span or parent ID as a map key; null when missing, empty or all zeros. */
  private static @Nullable String id(@Nullable Static value) {
    if (!(value instanceof Static.StringValue s) || s.value().isEmpty()) {
      return null;
    }
    String id = s.value();
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) != '0') {
        return id;
      }
    }
    return null;
  }
}
