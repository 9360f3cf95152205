package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/** One stage of a pipeline: a span-set expression, a scalar filter or a pipeline operation. */
public sealed interface PipelineStage
    permits SpansetExpression,
        PipelineStage.ScalarFilter,
        PipelineStage.By,
        PipelineStage.Coalesce,
        PipelineStage.Select {

  /** {@code count() > 2}: keeps span sets whose scalar comparison holds. */
  record ScalarFilter(FieldOperator operator, ScalarExpression left, ScalarExpression right)
      implements PipelineStage {
    /** Creates a filter; the operator is a comparison. */
    public ScalarFilter {
      requireNonNull(operator, "operator");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
    }

    /** Printed unparenthesised: Tempo's grammar has no parentheses around a scalar filter. */
    @Override
    public String toString() {
      return left + " " + operator.symbol() + " " + right;
    }
  }

  /** {@code by(field)}: regroups spans by the value of a field. */
  record By(FieldExpression field) implements PipelineStage {
    /** Creates a grouping. */
    public By {
      requireNonNull(field, "field");
    }

    @Override
    public String toString() {
      return "by(" + field + ")";
    }
  }

  /** {@code coalesce()}: merges span sets back into one per trace. */
  record Coalesce() implements PipelineStage {
    @Override
    public String toString() {
      return "coalesce()";
    }
  }

  /** {@code select(a, b)}: adds fields to the returned spans. */
  record Select(List<FieldExpression> fields) implements PipelineStage {
    /** Creates a selection from a copy of {@code fields}. */
    public Select {
      fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
      return fields.stream()
          .map(Object::toString)
          .collect(Collectors.joining(", ", "select(", ")"));
    }
  }
}
