package dev.vivace.block.vparquet4;

import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.BinaryOperation;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.FieldOperator;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpansetFilter;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQuery;
import dev.vivace.traceql.ValueSummary;
import org.jspecify.annotations.Nullable;

/**
 * Decides from a {@link ValueSummary} whether a chunk may hold a span a selector matches, by the
 * selector's comparisons of a field with a literal: {@code a && b} needs both, {@code a || b}
 * either; anything else is assumed to match. Used beside {@link TraceQuery#mayMatch}, and only for
 * a query that is one span selector (every span of a matching trace is then in the chunk, since a
 * row holds a whole trace).
 */
final class ConditionPruning {

  private ConditionPruning() {}

  /** Whether a chunk {@code summary} describes may hold a trace {@code query} matches. */
  static boolean mayMatch(TraceQuery query, ValueSummary summary) {
    if (!query.mayMatch(summary)) {
      return false;
    }
    return !(query.query().expression() instanceof SpansetFilter filter)
        || mayMatch(filter.condition(), summary);
  }

  static boolean mayMatch(FieldExpression condition, ValueSummary summary) {
    if (condition instanceof Static.BoolValue b) {
      return b.value();
    }
    if (!(condition instanceof BinaryOperation operation)) {
      return true;
    }
    FieldOperator op = operation.operator();
    return switch (op) {
      case AND -> mayMatch(operation.left(), summary) && mayMatch(operation.right(), summary);
      case OR -> mayMatch(operation.left(), summary) || mayMatch(operation.right(), summary);
      case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, REGEX, NOT_REGEX ->
          comparisonMayMatch(operation, summary);
      default -> true;
    };
  }

  private static boolean comparisonMayMatch(BinaryOperation operation, ValueSummary summary) {
    FieldOperator op = operation.operator();
    if (isField(operation.left()) && operation.right() instanceof Static literal) {
      return summary.mayMatch(operation.left(), op, literal);
    }
    if (operation.left() instanceof Static literal && isField(operation.right())) {
      FieldOperator flipped = flip(op);
      return flipped == null || summary.mayMatch(operation.right(), flipped, literal);
    }
    return true;
  }

  private static boolean isField(FieldExpression e) {
    return e instanceof Attribute || e instanceof Intrinsic;
  }

  /**
   * {@code literal op field} as {@code field op' literal}; null for regexes (literal on the left).
   */
  private static @Nullable FieldOperator flip(FieldOperator op) {
    return switch (op) {
      case LESS -> FieldOperator.GREATER;
      case LESS_EQUAL -> FieldOperator.GREATER_EQUAL;
      case GREATER -> FieldOperator.LESS;
      case GREATER_EQUAL -> FieldOperator.LESS_EQUAL;
      case REGEX, NOT_REGEX -> null;
      default -> op;
    };
  }
}
