package dev.vivace.traceql;

import java.util.List;

/**
 * {@code sum}, {@code avg}, {@code min} and {@code max} over the numbers found in a span set:
 * integers, floats and durations, compared and added numerically as in {@link Values}.
 */
final class Aggregates {

  private Aggregates() {}

  /**
   * The aggregate of {@code numbers}, which is non-empty and holds only {@link Static.IntValue},
   * {@link Static.FloatValue} and {@link Static.DurationValue}: a duration when all are durations,
   * an integer for a sum of integers, the value found for {@code min} and {@code max}, else a
   * float.
   */
  static Static of(Aggregate.Function function, List<Static> numbers) {
    return switch (function) {
      case MIN -> extreme(numbers, -1);
      case MAX -> extreme(numbers, 1);
      case SUM -> sum(numbers);
      case AVG -> average(numbers);
      case COUNT -> new Static.IntValue(numbers.size());
    };
  }

  private static Static extreme(List<Static> numbers, int sign) {
    Static best = numbers.get(0);
    for (Static candidate : numbers.subList(1, numbers.size())) {
      FieldOperator beats = sign < 0 ? FieldOperator.LESS : FieldOperator.GREATER;
      if (Values.compare(beats, candidate, best)) {
        best = candidate;
      }
    }
    return best;
  }

  private static Static sum(List<Static> numbers) {
    if (all(numbers, Static.IntValue.class)) {
      long sum = 0;
      for (Static n : numbers) {
        sum += ((Static.IntValue) n).value();
      }
      return new Static.IntValue(sum);
    }
    if (all(numbers, Static.DurationValue.class)) {
      long sum = 0;
      for (Static n : numbers) {
        sum += ((Static.DurationValue) n).nanos();
      }
      return new Static.DurationValue(sum);
    }
    return new Static.FloatValue(floatSum(numbers));
  }

  private static Static average(List<Static> numbers) {
    double average = floatSum(numbers) / numbers.size();
    if (all(numbers, Static.DurationValue.class)) {
      return new Static.DurationValue(Math.round(average));
    }
    return new Static.FloatValue(average);
  }

  private static double floatSum(List<Static> numbers) {
    double sum = 0;
    for (Static n : numbers) {
      sum += Values.number(n);
    }
    return sum;
  }

  private static boolean all(List<Static> numbers, Class<? extends Static> kind) {
    for (Static n : numbers) {
      if (!kind.isInstance(n)) {
        return false;
      }
    }
    return true;
  }
}
