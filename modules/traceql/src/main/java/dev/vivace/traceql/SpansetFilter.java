package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

/** A span selector {@code { condition }}; {@code {}} is {@code { true }}. */
public record SpansetFilter(FieldExpression condition) implements SpansetExpression {

  /** Creates a selector. */
  public SpansetFilter {
    requireNonNull(condition, "condition");
  }

  @Override
  public String toString() {
    return "{ " + condition + " }";
  }
}
