package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

/** {@code left op right} inside a span selector, printed fully parenthesised. */
public record BinaryOperation(FieldOperator operator, FieldExpression left, FieldExpression right)
    implements FieldExpression {

  /** Creates an operation; no argument may be null. */
  public BinaryOperation {
    requireNonNull(operator, "operator");
    requireNonNull(left, "left");
    requireNonNull(right, "right");
  }

  @Override
  public String toString() {
    return operator.between(left, right);
  }
}
