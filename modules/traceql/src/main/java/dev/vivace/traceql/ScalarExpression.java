package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

/** A value computed over a whole span set, compared in a pipeline: {@code count() > 2}. */
public sealed interface ScalarExpression permits Aggregate, ScalarExpression.Operation, Static {

  /** {@code left op right} between scalars; the operator is arithmetic. */
  record Operation(FieldOperator operator, ScalarExpression left, ScalarExpression right)
      implements ScalarExpression {
    /** Creates an operation; no argument may be null. */
    public Operation {
      requireNonNull(operator, "operator");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return operator.between(left, right);
    }
  }
}
