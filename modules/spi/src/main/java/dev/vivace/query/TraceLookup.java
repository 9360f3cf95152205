package dev.vivace.query;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * The fragments of one trace found in one or more tiers, not yet combined, and how many bytes were
 * inspected to find them.
 */
public record TraceLookup(List<ResourceSpans> fragments, long inspectedBytes) {

  /** A lookup that found nothing. */
  public static final TraceLookup EMPTY = new TraceLookup(List.of(), 0);

  /** Copies the fragments. */
  public TraceLookup {
    requireNonNull(fragments, "fragments");
    fragments = List.copyOf(fragments);
  }

  /** Returns true when no fragment was found. */
  public boolean isEmpty() {
    return fragments.isEmpty();
  }

  /** Returns the fragments of this lookup followed by those of {@code other}. */
  public TraceLookup plus(TraceLookup other) {
    if (other.isEmpty() && other.inspectedBytes == 0) {
      return this;
    }
    if (isEmpty() && inspectedBytes == 0) {
      return other;
    }
    List<ResourceSpans> all = new ArrayList<>(fragments.size() + other.fragments.size());
    all.addAll(fragments);
    all.addAll(other.fragments);
    return new TraceLookup(all, inspectedBytes + other.inspectedBytes);
  }
}
