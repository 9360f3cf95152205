package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Collects distinct names per scope, or distinct values, with a count limit, a staleness cut-off
 * and a byte budget, as Tempo's distinct-value collectors do: a new name or value that would take
 * the collected ones past the budget is left out and collecting stops.
 */
final class TagCollector extends CollectorState implements TagSink {

  private final int limit;
  private final int maxStaleValues;
  private final long maxBytes;
  private final ToLongFunction<Static> valueBytes;
  private final Map<AttributeScope, Set<String>> names = new EnumMap<>(AttributeScope.class);
  private final Set<Static> values = new LinkedHashSet<>();
  private long inspectedBytes;
  private long collectedBytes;
  private int stale;
  private boolean full;
  private boolean maxBytesReached;

  TagCollector(
      TagLimits limits,
      ToLongFunction<Static> valueBytes,
      long deadlineNanos,
      LongSupplier nanoTime) {
    super(deadlineNanos, nanoTime);
    this.limit = limits.limit();
    this.maxStaleValues = limits.maxStaleValues();
    this.maxBytes = limits.maxBytes();
    this.valueBytes = requireNonNull(valueBytes, "valueBytes");
  }

  @Override
  public synchronized boolean addName(AttributeScope scope, String name) {
    if (stopped) {
      return false;
    }
    Set<String> scopeNames = names.computeIfAbsent(scope, s -> new TreeSet<>());
    if (scopeNames.contains(name)) {
      countStale();
    } else if (limit > 0 && scopeNames.size() >= limit) {
      // Other scopes may still have room; this one is full.
    } else if (fits(utf8Length(name))) {
      scopeNames.add(name);
      stale = 0;
    }
    return !isDone();
  }

  @Override
  public synchronized boolean addValue(Static value) {
    if (stopped) {
      return false;
    }
    if (values.contains(value)) {
      countStale();
    } else if (limit > 0 && values.size() >= limit) {
      full = true;
    } else if (fits(valueBytes.applyAsLong(value))) {
      values.add(value);
      stale = 0;
      full = limit > 0 && values.size() >= limit;
    }
    return !isDone();
  }

  /** Counts {@code bytes} more if they fit the budget; otherwise the collector is full. */
  private boolean fits(long bytes) {
    if (maxBytes > 0 && collectedBytes + bytes > maxBytes) {
      maxBytesReached = true;
      full = true;
      return false;
    }
    collectedBytes += bytes;
    return true;
  }

  private void countStale() {
    stale++;
    if (maxStaleValues > 0 && stale >= maxStaleValues) {
      full = true;
    }
  }

  @Override
  public synchronized boolean isDone() {
    return stopped || full || deadlinePassed();
  }

  @Override
  public synchronized void inspectedBytes(long bytes) {
    inspectedBytes += bytes;
  }

  synchronized TagResult result(boolean timedOut) {
    stopped = true;
    Map<AttributeScope, List<String>> byScope = new EnumMap<>(AttributeScope.class);
    names.forEach((scope, set) -> byScope.put(scope, List.copyOf(set)));
    return new TagResult(
        byScope, List.copyOf(values), inspectedBytes, failures, timedOut, maxBytesReached);
  }

  /** The length of {@code s} in UTF-8, as Go's {@code len} counts a string. */
  static long utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
