package dev.vivace.block.vparquet4;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Arrays;

/**
 * The spans of one trace in storage order and their {@code ParentID}, {@code NestedSetLeft} and
 * {@code NestedSetRight} columns (spec §5.9), held in arrays indexed by storage position.
 *
 * <p>Spans are matched by the first 8 bytes of their IDs (zero-padded). More than two spans with
 * one ID leave every span at 0/0/0, as Tempo does; of two, a child picks the one of the opposite
 * kind (server for client, client for server). Each root in storage order is numbered depth-first,
 * children in storage order.
 */
final class SpanTree {

  static final int STATUS_ERROR = 2;
  private static final int KIND_SERVER = 2;
  private static final int KIND_CLIENT = 3;
  private static final int NONE = -1;

  private Span[] spans = new Span[16];
  private int size;
  int[] parentId = new int[0];
  int[] left = new int[0];
  int[] right = new int[0];

  void add(Span span) {
    if (size == spans.length) {
      spans = Arrays.copyOf(spans, size * 2);
    }
    spans[size++] = span;
  }

  int size() {
    return size;
  }

  Span span(int i) {
    return spans[i];
  }

  /** Computes the nested-set columns of the spans added. */
  void assign() {
    int n = size;
    parentId = new int[n];
    left = new int[n];
    right = new int[n];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = key(spans[i].getSpanId());
    }
    // open addressing: ID key -> first and second span with that key
    int cap = Integer.highestOneBit(Math.max(n, 1) * 2) * 2;
    long[] slotKey = new long[cap];
    int[] first = new int[cap];
    int[] second = new int[cap];
    Arrays.fill(first, NONE);
    boolean anyRoot = false;
    for (int i = 0; i < n; i++) {
      int slot = find(slotKey, first, keys[i]);
      if (first[slot] == NONE) {
        slotKey[slot] = keys[i];
        first[slot] = i;
        second[slot] = NONE;
      } else if (second[slot] == NONE) {
        second[slot] = i;
      } else {
        return; // three spans share an ID: Tempo leaves every span at 0/0/0
      }
      anyRoot |= spans[i].getParentSpanId().isEmpty();
    }
    if (!anyRoot) {
      return;
    }
    // children lists in storage order: first child, last child, next sibling
    int[] firstChild = new int[n];
    int[] lastChild = new int[n];
    int[] nextSibling = new int[n];
    Arrays.fill(firstChild, NONE);
    Arrays.fill(nextSibling, NONE);
    for (int i = 0; i < n; i++) {
      ByteString parentSpanId = spans[i].getParentSpanId();
      if (parentSpanId.isEmpty()) {
        continue;
      }
      int slot = find(slotKey, first, key(parentSpanId));
      int parent = first[slot] == NONE ? NONE : parentOf(i, first[slot], second[slot]);
      if (parent != NONE) {
        if (firstChild[parent] == NONE) {
          firstChild[parent] = i;
        } else {
          nextSibling[lastChild[parent]] = i;
        }
        lastChild[parent] = i;
      }
    }
    number(firstChild, nextSibling);
  }

  private int parentOf(int child, int a, int b) {
    if (b == NONE) {
      return a;
    }
    int wanted = spans[child].getKindValue() == KIND_SERVER ? KIND_CLIENT : KIND_SERVER;
    if (spans[a].getKindValue() == wanted) {
      return a;
    }
    return spans[b].getKindValue() == wanted ? b : NONE;
  }

  private void number(int[] firstChild, int[] nextSibling) {
    int n = size;
    boolean[] visited = new boolean[n];
    int[] stack = new int[n];
    int[] cursor = new int[n]; // per stack entry: the next child to visit
    int counter = 1;
    for (int root = 0; root < n; root++) {
      if (!spans[root].getParentSpanId().isEmpty()) {
        continue;
      }
      parentId[root] = -1;
      visited[root] = true;
      left[root] = counter++;
      int depth = 0;
      stack[0] = root;
      cursor[0] = firstChild[root];
      while (depth >= 0) {
        int node = stack[depth];
        int kid = cursor[depth];
        if (kid != NONE) {
          cursor[depth] = nextSibling[kid];
          if (!visited[kid]) {
            visited[kid] = true;
            left[kid] = counter++;
            parentId[kid] = left[node];
            depth++;
            stack[depth] = kid;
            cursor[depth] = firstChild[kid];
          }
        } else {
          right[node] = counter++;
          depth--;
        }
      }
    }
  }

  private static int find(long[] slotKey, int[] first, long key) {
    int mask = slotKey.length - 1;
    int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
    while (first[slot] != NONE && slotKey[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** The first 8 bytes of a span ID, zero-padded on the right, as one number. */
  static long key(ByteString spanId) {
    long k = 0;
    int len = spanId.size();
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (i < len ? spanId.byteAt(i) & 0xffL : 0);
    }
    return k;
  }
}
