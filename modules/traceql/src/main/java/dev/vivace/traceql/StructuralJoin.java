package dev.vivace.traceql;

import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * The structural operators between two sets of spans of one trace, in time linear in the number of
 * spans. With {@code R(l, r)} the relation the operator names between a left span {@code l} and a
 * right span {@code r}:
 *
 * <ul>
 *   <li>{@code >}: r's parent is l; {@code <}: l's parent is r; {@code >>}: l is an ancestor of r;
 *       {@code <<}: r is an ancestor of l; {@code ~}: l and r have the same parent and are not the
 *       same span (roots have no parent, so no siblings).
 *   <li>The plain operator yields the right spans with {@code R(l, r)} for some left span.
 *   <li>The {@code !} form yields the right spans with {@code R(l, r)} for no left span.
 *   <li>The {@code &} form yields the right spans with a partner, plus the left spans with one.
 * </ul>
 */
final class StructuralJoin {

  private StructuralJoin() {}

  static BitSet join(SpansetOperator op, TraceSpans trace, BitSet left, BitSet right) {
    return switch (op) {
      case CHILD -> childrenOf(trace, left, right);
      case PARENT -> parentsOf(trace, left, right);
      case DESCENDANT -> descendantsOf(trace, left, right);
      case ANCESTOR -> ancestorsOf(trace, left, right);
      case SIBLING -> siblingsOf(trace, left, right);
      case NOT_CHILD -> without(right, childrenOf(trace, left, right));
      case NOT_PARENT -> without(right, parentsOf(trace, left, right));
      case NOT_DESCENDANT -> without(right, descendantsOf(trace, left, right));
      case NOT_ANCESTOR -> without(right, ancestorsOf(trace, left, right));
      case NOT_SIBLING -> without(right, siblingsOf(trace, left, right));
      // l has a child in right exactly when l is a parent of a right span, and so on.
      case UNION_CHILD -> union(childrenOf(trace, left, right), parentsOf(trace, right, left));
      case UNION_PARENT -> union(parentsOf(trace, left, right), childrenOf(trace, right, left));
      case UNION_DESCENDANT ->
          union(descendantsOf(trace, left, right), ancestorsOf(trace, right, left));
      case UNION_ANCESTOR ->
          union(ancestorsOf(trace, left, right), descendantsOf(trace, right, left));
      case UNION_SIBLING -> union(siblingsOf(trace, left, right), siblingsOf(trace, right, left));
      case AND, OR -> throw new IllegalArgumentException("op: " + op + " (expected: structural)");
    };
  }

  /** The spans of {@code candidates} whose parent is in {@code of}. */
  private static BitSet childrenOf(TraceSpans trace, BitSet of, BitSet candidates) {
    BitSet out = new BitSet();
    for (int r = candidates.nextSetBit(0); r >= 0; r = candidates.nextSetBit(r + 1)) {
      int parent = trace.parent(r);
      if (parent != TraceSpans.NO_PARENT && of.get(parent)) {
        out.set(r);
      }
    }
    return out;
  }

  /** The spans of {@code candidates} that are the parent of a span in {@code of}. */
  private static BitSet parentsOf(TraceSpans trace, BitSet of, BitSet candidates) {
    BitSet out = new BitSet();
    for (int l = of.nextSetBit(0); l >= 0; l = of.nextSetBit(l + 1)) {
      int parent = trace.parent(l);
      if (parent != TraceSpans.NO_PARENT && candidates.get(parent)) {
        out.set(parent);
      }
    }
    return out;
  }

  /** The spans of {@code candidates} below a span of {@code of}: walks down, each span once. */
  private static BitSet descendantsOf(TraceSpans trace, BitSet of, BitSet candidates) {
    BitSet below = new BitSet();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int l = of.nextSetBit(0); l >= 0; l = of.nextSetBit(l + 1)) {
      queue.add(l);
    }
    while (!queue.isEmpty()) {
      trace.forEachChild(
          queue.poll(),
          child -> {
            if (!below.get(child)) {
              below.set(child);
              queue.add(child);
            }
          });
    }
    below.and(candidates);
    return below;
  }

  /** The spans of {@code candidates} above a span of {@code of}: walks up, each span once. */
  private static BitSet ancestorsOf(TraceSpans trace, BitSet of, BitSet candidates) {
    BitSet above = new BitSet();
    for (int l = of.nextSetBit(0); l >= 0; l = of.nextSetBit(l + 1)) {
      for (int p = trace.parent(l);
          p != TraceSpans.NO_PARENT && !above.get(p);
          p = trace.parent(p)) {
        above.set(p);
      }
    }
    above.and(candidates);
    return above;
  }

  /** The spans of {@code candidates} with a sibling in {@code of}. */
  private static BitSet siblingsOf(TraceSpans trace, BitSet of, BitSet candidates) {
    // Per parent, how many children are in "of"; a candidate needs one other than itself.
    int[] inOf = new int[trace.size()];
    for (int l = of.nextSetBit(0); l >= 0; l = of.nextSetBit(l + 1)) {
      int parent = trace.parent(l);
      if (parent != TraceSpans.NO_PARENT) {
        inOf[parent]++;
      }
    }
    BitSet out = new BitSet();
    for (int r = candidates.nextSetBit(0); r >= 0; r = candidates.nextSetBit(r + 1)) {
      int parent = trace.parent(r);
      if (parent != TraceSpans.NO_PARENT && inOf[parent] - (of.get(r) ? 1 : 0) > 0) {
        out.set(r);
      }
    }
    return out;
  }

  private static BitSet without(BitSet all, BitSet matched) {
    BitSet out = (BitSet) all.clone();
    out.andNot(matched);
    return out;
  }

  private static BitSet union(BitSet a, BitSet b) {
    BitSet out = (BitSet) a.clone();
    out.or(b);
    return out;
  }
}
