package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** {@code count()}, or {@code avg}, {@code min}, {@code max}, {@code sum} of a field. */
public record Aggregate(Function function, @Nullable FieldExpression field)
    implements ScalarExpression {

  /** The aggregate functions. */
  public enum Function {
    /** {@code count()}, which takes no field. */
    COUNT,
    /** {@code avg(field)}. */
    AVG,
    /** {@code min(field)}. */
    MIN,
    /** {@code max(field)}. */
    MAX,
    /** {@code sum(field)}. */
    SUM
  }

  /** Creates an aggregate; {@code field} is null exactly for {@link Function#COUNT}. */
  public Aggregate {
    requireNonNull(function, "function");
    if ((function == Function.COUNT) != (field == null)) {
      throw new IllegalArgumentException(
          "field: " + field + " (expected: none for count, one for " + function + ")");
    }
  }

  @Override
  public String toString() {
    return function.name().toLowerCase(Locale.ROOT) + "(" + (field == null ? "" : field) + ")";
  }
}
