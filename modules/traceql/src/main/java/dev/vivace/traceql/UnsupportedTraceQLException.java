package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

/**
 * A valid TraceQL query that uses a construct the evaluator does not run: for {@link TraceQuery},
 * such as a regular expression whose pattern is not a string literal; for {@link SpanFilter}, also
 * anything but a single span selector. The message reads {@code unsupported TraceQL construct:
 * <construct>}; an HTTP layer answers it with 400.
 */
public final class UnsupportedTraceQLException extends UnsupportedOperationException {

  private static final long serialVersionUID = 1L;

  private final String construct;

  UnsupportedTraceQLException(String construct) {
    super("unsupported TraceQL construct: " + requireNonNull(construct, "construct"));
    this.construct = construct;
  }

  /** The construct refused, such as {@code structural operator >>}. */
  public String construct() {
    return construct;
  }
}
