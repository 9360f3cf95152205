package dev.vivace.traceql;

import org.jspecify.annotations.Nullable;

/** A compiled field expression: its value for one span, or null when the value is missing. */
@FunctionalInterface
interface Node {

  /** The value of this expression for {@code span}, or null if it is missing. */
  @Nullable Static evaluate(SpanView span);
}
