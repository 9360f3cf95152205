package dev.vivace.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What became of the spans of one push: how many were accepted and how many were refused, by
 * reason, with a readable message for the first refusal of each reason.
 */
public record PushResult(
    int acceptedSpans,
    Map<RefusalReason, Integer> refusedSpans,
    Map<RefusalReason, String> messages) {

  /** Validates and copies the maps. */
  public PushResult {
    if (acceptedSpans < 0) {
      throw new IllegalArgumentException("acceptedSpans: " + acceptedSpans + " (expected: >= 0)");
    }
    requireNonNull(refusedSpans, "refusedSpans");
    requireNonNull(messages, "messages");
    refusedSpans = Collections.unmodifiableMap(copy(refusedSpans));
    messages = Collections.unmodifiableMap(copy(messages));
  }

  /** Returns a result in which all {@code spans} were accepted. */
  public static PushResult accepted(int spans) {
    return new PushResult(spans, Map.of(), Map.of());
  }

  /** Returns the total number of refused spans. */
  public int refusedCount() {
    int total = 0;
    for (int n : refusedSpans.values()) {
      total += n;
    }
    return total;
  }

  /**
   * Returns the refusal messages joined by {@code "; "}, or {@code null} when nothing was refused.
   */
  public @Nullable String errorMessage() {
    if (messages.isEmpty()) {
      return null;
    }
    return String.join("; ", messages.values());
  }

  private static <V> EnumMap<RefusalReason, V> copy(Map<RefusalReason, V> map) {
    return map.isEmpty() ? new EnumMap<>(RefusalReason.class) : new EnumMap<>(map);
  }
}
