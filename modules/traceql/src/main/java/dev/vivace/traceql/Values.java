package dev.vivace.traceql;

import org.jspecify.annotations.Nullable;

/**
 * Comparison and arithmetic on evaluated values, with Tempo's semantics: integers, floats and
 * durations (as nanoseconds) are all numbers and compare numerically; strings compare by code unit;
 * booleans, statuses and kinds support only {@code =} and {@code !=}. Values of different kinds are
 * never equal and never unequal: every comparison between them is false.
 */
final class Values {

  private Values() {}

  /** Whether {@code left op right} holds; false when either value is missing. */
  static boolean compare(FieldOperator op, @Nullable Static left, @Nullable Static right) {
    if (left == null || right == null) {
      return false;
    }
    if (left instanceof Static.IntValue l && right instanceof Static.IntValue r) {
      return holds(op, Long.compare(l.value(), r.value()));
    }
    if (isNumber(left) && isNumber(right)) {
      double l = number(left);
      double r = number(right);
      if (Double.isNaN(l) || Double.isNaN(r)) {
        return op == FieldOperator.NOT_EQUAL;
      }
      return holds(op, l < r ? -1 : l > r ? 1 : 0);
    }
    if (left instanceof Static.StringValue l && right instanceof Static.StringValue r) {
      return holds(op, l.value().compareTo(r.value()));
    }
    boolean sameKind =
        (left instanceof Static.BoolValue && right instanceof Static.BoolValue)
            || (left instanceof Static.StatusValue && right instanceof Static.StatusValue)
            || (left instanceof Static.KindValue && right instanceof Static.KindValue);
    if (!sameKind) {
      return false;
    }
    return switch (op) {
      case EQUAL -> left.equals(right);
      case NOT_EQUAL -> !left.equals(right);
      default -> false;
    };
  }

  private static boolean holds(FieldOperator op, int order) {
    return switch (op) {
      case EQUAL -> order == 0;
      case NOT_EQUAL -> order != 0;
      case LESS -> order < 0;
      case LESS_EQUAL -> order <= 0;
      case GREATER -> order > 0;
      case GREATER_EQUAL -> order >= 0;
      default -> throw new IllegalArgumentException("op: " + op + " (expected: a comparison)");
    };
  }

  /**
   * {@code left op right} for an arithmetic operator, as a float as Tempo computes it; null when
   * either value is missing or not a number.
   */
  static Static.@Nullable FloatValue arithmetic(
      FieldOperator op, @Nullable Static left, @Nullable Static right) {
    if (left == null || right == null || !isNumber(left) || !isNumber(right)) {
      return null;
    }
    double l = number(left);
    double r = number(right);
    double result =
        switch (op) {
          case ADD -> l + r;
          case SUBTRACT -> l - r;
          case MULTIPLY -> l * r;
          case DIVIDE -> l / r;
          case MODULO -> l % r;
          case POWER -> Math.pow(l, r);
          default -> throw new IllegalArgumentException("op: " + op + " (expected: arithmetic)");
        };
    return new Static.FloatValue(result);
  }

  /** {@code -value}, keeping its kind; null when it is missing or not a number. */
  static @Nullable Static negate(@Nullable Static value) {
    if (value instanceof Static.IntValue v) {
      return new Static.IntValue(-v.value());
    }
    if (value instanceof Static.FloatValue v) {
      return new Static.FloatValue(-v.value());
    }
    if (value instanceof Static.DurationValue v) {
      return new Static.DurationValue(-v.nanos());
    }
    return null;
  }

  /** Whether {@code value} is an integer, a float or a duration. */
  static boolean isNumber(Static value) {
    return value instanceof Static.IntValue
        || value instanceof Static.FloatValue
        || value instanceof Static.DurationValue;
  }

  /** {@code value}, a number as {@link #isNumber} says, as a double; durations in nanoseconds. */
  static double number(Static value) {
    if (value instanceof Static.IntValue v) {
      return v.value();
    }
    if (value instanceof Static.FloatValue v) {
      return v.value();
    }
    return ((Static.DurationValue) value).nanos();
  }
}
