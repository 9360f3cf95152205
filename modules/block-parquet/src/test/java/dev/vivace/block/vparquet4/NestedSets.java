package dev.vivace.block.vparquet4;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Fills {@code ServiceStats} (spec §5.10) and the nested-set columns (spec §5.9). */
final class NestedSets {

  private static final long KIND_SERVER = 2;
  private static final long KIND_CLIENT = 3;
  private static final long STATUS_ERROR = 2;

  static void assign(TraceRow row) {
    List<TraceRow.SpanRow> spans = new ArrayList<>();
    row.serviceStats.clear();
    for (TraceRow.ResourceRow r : row.resources) {
      for (TraceRow.ScopeRow s : r.scopes) {
        for (TraceRow.SpanRow span : s.spans) {
          spans.add(span);
          span.nestedSetLeft = 0;
          span.nestedSetRight = 0;
          span.parentId = 0;
          int[] stats = row.serviceStats.computeIfAbsent(r.serviceName, k -> new int[2]);
          stats[0]++;
          if (span.statusCode == STATUS_ERROR) {
            stats[1]++;
          }
        }
      }
    }
    Map<Long, List<TraceRow.SpanRow>> byId = new HashMap<>();
    List<TraceRow.SpanRow> roots = new ArrayList<>();
    for (TraceRow.SpanRow span : spans) {
      List<TraceRow.SpanRow> same = byId.computeIfAbsent(key(span.spanId), k -> new ArrayList<>(2));
      same.add(span);
      if (same.size() > 2) {
        return; // ambiguous span IDs: Tempo leaves every span at 0/0/0
      }
      if (span.parentSpanId.length == 0) {
        roots.add(span);
      }
    }
    if (roots.isEmpty()) {
      return;
    }
    IdentityHashMap<TraceRow.SpanRow, List<TraceRow.SpanRow>> children = new IdentityHashMap<>();
    for (TraceRow.SpanRow span : spans) {
      if (span.parentSpanId.length == 0) {
        continue;
      }
      TraceRow.SpanRow parent =
          parentOf(span, byId.getOrDefault(key(span.parentSpanId), List.of()));
      if (parent != null) {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(span);
      }
    }
    number(roots, children);
  }

  private static TraceRow.@Nullable SpanRow parentOf(
      TraceRow.SpanRow child, List<TraceRow.SpanRow> candidates) {
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    long wanted = child.kind == KIND_SERVER ? KIND_CLIENT : KIND_SERVER;
    for (TraceRow.SpanRow c : candidates) {
      if (c.kind == wanted) {
        return c;
      }
    }
    return null;
  }

  /** Depth-first numbering from each root in storage order, children in storage order. */
  private static void number(
      List<TraceRow.SpanRow> roots, Map<TraceRow.SpanRow, List<TraceRow.SpanRow>> children) {
    int counter = 1;
    Set<TraceRow.SpanRow> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TraceRow.SpanRow root : roots) {
      root.parentId = -1;
      Deque<Object[]> stack = new ArrayDeque<>();
      visited.add(root);
      root.nestedSetLeft = counter++;
      stack.push(new Object[] {root, 0});
      while (!stack.isEmpty()) {
        Object[] top = stack.peek();
        TraceRow.SpanRow node = (TraceRow.SpanRow) top[0];
        int next = (Integer) top[1];
        List<TraceRow.SpanRow> kids = children.getOrDefault(node, List.of());
        if (next < kids.size()) {
          top[1] = next + 1;
          TraceRow.SpanRow kid = kids.get(next);
          if (visited.add(kid)) {
            kid.nestedSetLeft = counter++;
            kid.parentId = node.nestedSetLeft;
            stack.push(new Object[] {kid, 0});
          }
        } else {
          node.nestedSetRight = counter++;
          stack.pop();
        }
      }
    }
  }

  /** The first 8 bytes of a span ID, zero-padded on the right, as one number. */
  static long key(byte[] spanId) {
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (i < spanId.length ? spanId[i] & 0xffL : 0);
    }
    return k;
  }

  private NestedSets() {}
}
