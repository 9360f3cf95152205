package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A whole query: its expression and the hints of a trailing {@code with(key=value, ...)}. {@link
 * #toString()} is the canonical query.
 */
public record RootExpr(PipelineStage expression, List<Hint> hints) {

  /** A query hint such as {@code most_recent=true}. */
  public record Hint(String key, Static value) {
    /** Creates a hint. */
    public Hint {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return key + "=" + value;
    }
  }

  /** Creates a query from a copy of {@code hints}. */
  public RootExpr {
    requireNonNull(expression, "expression");
    hints = List.copyOf(hints);
  }

  @Override
  public String toString() {
    if (hints.isEmpty()) {
      return expression.toString();
    }
    return expression
        + hints.stream().map(Hint::toString).collect(Collectors.joining(", ", " with(", ")"));
  }
}
