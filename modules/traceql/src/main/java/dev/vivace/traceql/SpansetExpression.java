package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

/** An expression whose value is a set of spans per trace. */
public sealed interface SpansetExpression extends PipelineStage
    permits SpansetFilter, SpansetExpression.Operation, Pipeline {

  /** {@code left op right} between span sets, printed parenthesised. */
  record Operation(SpansetOperator operator, SpansetExpression left, SpansetExpression right)
      implements SpansetExpression {
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
