package dev.vivace.search;

import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;

/**
 * Where a tier puts the attribute names or values it finds. Thread-safe; the same contract as
 * {@link SearchSink}: stop when {@link #isDone()}, count bytes read, report failures.
 */
public interface TagSink {

  /** Takes an attribute name seen in {@code scope}. Returns false once no more are wanted. */
  boolean addName(AttributeScope scope, String name);

  /**
   * Takes a value: a {@link Static.StringValue}, {@link Static.IntValue}, {@link
   * Static.FloatValue}, {@link Static.BoolValue}, or for intrinsics a duration, status or kind.
   * Returns false once no more are wanted.
   */
  boolean addValue(Static value);

  /** True when no more names or values are wanted, or the deadline passed. */
  boolean isDone();

  /** Counts bytes read from storage (or held in memory) to find them. */
  void inspectedBytes(long bytes);

  /** Reports data that could not be read: a block ID and a short reason, never its contents. */
  void failure(String description);
}
