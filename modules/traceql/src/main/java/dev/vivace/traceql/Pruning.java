package dev.vivace.traceql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether a chunk may hold a trace a query matches, from a {@link ValueSummary} of the chunk's
 * spans; false only when no trace of the chunk can match.
 *
 * <ul>
 *   <li>In a selector, {@code a && b} needs both, {@code a || b} either; {@code field op literal}
 *       (either way round) asks the summary; {@code { false }} never matches; {@code !},
 *       arithmetic, {@code nil} tests, {@code parent.} attributes and comparisons between two
 *       fields may match.
 *   <li>Between span sets, {@code &&} and the plain and {@code &} structural operators need both
 *       sides, {@code ||} either, the {@code !} structural operators their right side.
 *   <li>A pipeline needs each of its span-set stages; other stages may match.
 * </ul>
 */
final class Pruning {

  private Pruning() {}

  static boolean mayMatch(PipelineStage stage, ValueSummary summary) {
    if (stage instanceof SpansetFilter filter) {
      return mayMatch(filter.condition(), summary);
    }
    if (stage instanceof SpansetExpression.Operation operation) {
      return switch (operation.operator()) {
        case OR -> mayMatch(operation.left(), summary) || mayMatch(operation.right(), summary);
        case NOT_CHILD, NOT_PARENT, NOT_DESCENDANT, NOT_ANCESTOR, NOT_SIBLING ->
            mayMatch(operation.right(), summary);
        default -> mayMatch(operation.left(), summary) && mayMatch(operation.right(), summary);
      };
    }
    if (stage instanceof Pipeline pipeline) {
      for (PipelineStage inner : pipeline.stages()) {
        if (!mayMatch(inner, summary)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean mayMatch(FieldExpression condition, ValueSummary summary) {
    if (condition instanceof Static.BoolValue b) {
      return b.value();
    }
    if (!(condition instanceof BinaryOperation operation)) {
      return true;
    }
    FieldOperator op = operation.operator();
    if (op == FieldOperator.AND) {
      return mayMatch(operation.left(), summary) && mayMatch(operation.right(), summary);
    }
    if (op == FieldOperator.OR) {
      return mayMatch(operation.left(), summary) || mayMatch(operation.right(), summary);
    }
    if (isField(operation.left()) && isLiteral(operation.right())) {
      return !isComparison(op)
          || summary.mayMatch(operation.left(), op, (Static) operation.right());
    }
    if (isLiteral(operation.left()) && isField(operation.right())) {
      FieldOperator flipped = flip(op);
      return flipped == null
          || summary.mayMatch(operation.right(), flipped, (Static) operation.left());
    }
    return true;
  }

  /**
   * Adds to {@code out} every comparison of a field with a literal that {@link #mayMatch} may ask a
   * summary about, field first (operators flipped as it flips them), whatever the answers.
   */
  static void comparisons(PipelineStage stage, List<BinaryOperation> out) {
    if (stage instanceof SpansetFilter filter) {
      comparisons(filter.condition(), out);
    } else if (stage instanceof SpansetExpression.Operation operation) {
      comparisons(operation.left(), out);
      comparisons(operation.right(), out);
    } else if (stage instanceof Pipeline pipeline) {
      for (PipelineStage inner : pipeline.stages()) {
        comparisons(inner, out);
      }
    }
  }

  private static void comparisons(FieldExpression condition, List<BinaryOperation> out) {
    if (!(condition instanceof BinaryOperation operation)) {
      return;
    }
    FieldOperator op = operation.operator();
    if (op == FieldOperator.AND || op == FieldOperator.OR) {
      comparisons(operation.left(), out);
      comparisons(operation.right(), out);
    } else if (isField(operation.left()) && isLiteral(operation.right()) && isComparison(op)) {
      out.add(operation);
    } else if (isLiteral(operation.left()) && isField(operation.right())) {
      FieldOperator flipped = flip(op);
      if (flipped != null) {
        out.add(
            new BinaryOperation(
                flipped, /* left= */ operation.right(), /* right= */ operation.left()));
      }
    }
  }

  private static boolean isField(FieldExpression expression) {
    return expression instanceof Intrinsic || (expression instanceof Attribute a && !a.parent());
  }

  private static boolean isLiteral(FieldExpression expression) {
    return expression instanceof Static && !(expression instanceof Static.NilValue);
  }

  private static boolean isComparison(FieldOperator op) {
    return switch (op) {
      case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, REGEX, NOT_REGEX -> true;
      default -> false;
    };
  }

  /** {@code op} with its operands swapped, or null when that is not a comparison. */
  private static @Nullable FieldOperator flip(FieldOperator op) {
    return switch (op) {
      case EQUAL, NOT_EQUAL -> op;
      case LESS -> FieldOperator.GREATER;
      case LESS_EQUAL -> FieldOperator.GREATER_EQUAL;
      case GREATER -> FieldOperator.LESS;
      case GREATER_EQUAL -> FieldOperator.LESS_EQUAL;
      default -> null;
    };
  }
}
