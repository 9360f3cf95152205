package dev.vivace.search;

import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;
import java.util.List;
import java.util.Map;

/**
 * What a search for names or values found.
 *
 * @param names attribute names per scope, sorted (empty for a value search)
 * @param values distinct values in the order found (empty for a name search)
 * @param inspectedBytes bytes read to find them
 * @param failures what could not be read
 * @param timedOut true when the deadline passed first
 * @param maxBytesReached true when collecting stopped at {@link TagLimits#maxBytes()}, leaving out
 *     the name or value that did not fit and any found after it
 */
public record TagResult(
    Map<AttributeScope, List<String>> names,
    List<Static> values,
    long inspectedBytes,
    List<String> failures,
    boolean timedOut,
    boolean maxBytesReached) {

  /** Copies the collections. */
  public TagResult {
    names = Map.copyOf(names);
    values = List.copyOf(values);
    failures = List.copyOf(failures);
  }

  /** True when some data could not be searched in time or at all. */
  public boolean isPartial() {
    return timedOut || !failures.isEmpty();
  }

  /** True when neither names nor values were found. */
  public boolean isEmpty() {
    return values.isEmpty() && names.values().stream().allMatch(List::isEmpty);
  }
}
