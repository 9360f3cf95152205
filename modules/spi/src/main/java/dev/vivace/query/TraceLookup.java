package dev.vivace.query;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * The fragments of one trace found in one or more tiers, not yet combined, how many bytes were
 * inspected to find them, and what could not be searched.
 *
 * <p>A lookup with {@link #failures()} is partial: the trace may have more fragments in the data
 * that could not be read. Each failure is one line a client may be shown (it names a block or the
 * block list and why, never span contents or credentials).
 */
public record TraceLookup(
    List<ResourceSpans> fragments, long inspectedBytes, List<String> failures) {

  /** A lookup that found nothing. */
  public static final TraceLookup EMPTY = new TraceLookup(List.of(), 0);

  /** Copies the fragments and failures. */
  public TraceLookup {
    requireNonNull(fragments, "fragments");
    requireNonNull(failures, "failures");
    fragments = List.copyOf(fragments);
    failures = List.copyOf(failures);
  }

  /** A complete lookup: everything the tier holds was searched. */
  public TraceLookup(List<ResourceSpans> fragments, long inspectedBytes) {
    this(fragments, inspectedBytes, List.of());
  }

  /** Returns a lookup that found nothing because {@code failure} kept it from searching. */
  public static TraceLookup failed(String failure) {
    return new TraceLookup(List.of(), 0, List.of(requireNonNull(failure, "failure")));
  }

  /** Returns true when no fragment was found. */
  public boolean isEmpty() {
    return fragments.isEmpty();
  }

  /** Returns true when some data could not be searched, so fragments may be missing. */
  public boolean isPartial() {
    return !failures.isEmpty();
  }

  /** Returns the fragments and failures of this lookup followed by those of {@code other}. */
  public TraceLookup plus(TraceLookup other) {
    if (other.isNothing()) {
      return this;
    }
    if (isNothing()) {
      return other;
    }
    List<ResourceSpans> all = new ArrayList<>(fragments.size() + other.fragments.size());
    all.addAll(fragments);
    all.addAll(other.fragments);
    List<String> failed = new ArrayList<>(failures.size() + other.failures.size());
    failed.addAll(failures);
    failed.addAll(other.failures);
    return new TraceLookup(all, inspectedBytes + other.inspectedBytes, failed);
  }

  private boolean isNothing() {
    return fragments.isEmpty() && inspectedBytes == 0 && failures.isEmpty();
  }
}
