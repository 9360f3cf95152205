package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How much a search for attribute names or values collects, and for how long.
 *
 * @param limit the most names per scope, or the most values; 0 means no limit
 * @param maxStaleValues stop once this many names or values in a row were already known; 0 never
 *     stops for that
 * @param maxBytes Tempo's {@code max_bytes_per_tag_values_query}: stop at the first new name or
 *     value that would take the ones collected past this many bytes, and leave it out; 0 means no
 *     limit
 * @param timeout how long the search may run before it returns what it found
 */
public record TagLimits(int limit, int maxStaleValues, long maxBytes, Duration timeout) {

  /** Validates the limits. */
  public TagLimits {
    requireNonNull(timeout, "timeout");
    if (limit < 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
    }
    if (maxStaleValues < 0) {
      throw new IllegalArgumentException("maxStaleValues: " + maxStaleValues + " (expected: >= 0)");
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
    }
  }
}
