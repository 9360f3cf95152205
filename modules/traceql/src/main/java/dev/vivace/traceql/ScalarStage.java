package dev.vivace.traceql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A scalar filter such as {@code count() > 2} or {@code avg(duration) > 1s}: keeps the span sets
 * for which the comparison holds and gives each kept set one attribute per aggregate of the
 * comparison, named as written ({@code count()}, {@code avg(duration)}).
 *
 * <p>Aggregates: {@code count()} is an integer. {@code sum}, {@code min}, {@code max} and {@code
 * avg} read the field from each span and skip spans where it is missing or not a number; over
 * durations they yield a duration, {@code sum} over integers an integer, {@code min} and {@code
 * max} the value as found, and otherwise a float. With no value at all the aggregate is missing and
 * the comparison is false. Arithmetic between scalars is done in floats, as in selectors.
 */
final class ScalarStage implements Stage {

  private final PipelineStage.ScalarFilter filter;
  private final Map<Aggregate, @Nullable Node> fields;

  private ScalarStage(PipelineStage.ScalarFilter filter, Map<Aggregate, @Nullable Node> fields) {
    this.filter = filter;
    this.fields = fields;
  }

  static ScalarStage compile(PipelineStage.ScalarFilter filter) {
    Set<Aggregate> aggregates = new LinkedHashSet<>();
    collect(filter.left(), aggregates);
    collect(filter.right(), aggregates);
    Map<Aggregate, @Nullable Node> fields = new LinkedHashMap<>();
    for (Aggregate aggregate : aggregates) {
      FieldExpression field = aggregate.field();
      fields.put(aggregate, field == null ? null : FieldCompiler.compile(field));
    }
    return new ScalarStage(filter, fields);
  }

  @Override
  public List<SpanGroup> apply(TraceSpans trace, List<SpanGroup> input) {
    List<SpanGroup> output = new ArrayList<>(input.size());
    for (SpanGroup group : input) {
      Map<Aggregate, Static> values = new HashMap<>();
      List<Spanset.NamedValue> attributes = new ArrayList<>();
      fields.forEach(
          (aggregate, field) -> {
            Static value = aggregate(aggregate.function(), field, trace, group.spans());
            if (value != null) {
              values.put(aggregate, value);
              attributes.add(new Spanset.NamedValue(aggregate.toString(), value));
            }
          });
      Static left = evaluate(filter.left(), values);
      Static right = evaluate(filter.right(), values);
      if (Values.compare(filter.operator(), left, right)) {
        output.add(group.with(group.spans(), attributes));
      }
    }
    return output;
  }

  private static @Nullable Static evaluate(
      ScalarExpression expression, Map<Aggregate, Static> values) {
    if (expression instanceof Static literal) {
      return literal;
    }
    if (expression instanceof Aggregate aggregate) {
      return values.get(aggregate);
    }
    ScalarExpression.Operation operation = (ScalarExpression.Operation) expression;
    return Values.arithmetic(
        operation.operator(),
        evaluate(operation.left(), values),
        evaluate(operation.right(), values));
  }

  private static void collect(ScalarExpression expression, Set<Aggregate> out) {
    if (expression instanceof Aggregate aggregate) {
      out.add(aggregate);
    } else if (expression instanceof ScalarExpression.Operation operation) {
      collect(operation.left(), out);
      collect(operation.right(), out);
    }
  }

  private static @Nullable Static aggregate(
      Aggregate.Function function, @Nullable Node field, TraceSpans trace, BitSet spans) {
    if (function == Aggregate.Function.COUNT || field == null) {
      return new Static.IntValue(spans.cardinality());
    }
    List<Static> numbers = new ArrayList<>();
    for (int i = spans.nextSetBit(0); i >= 0; i = spans.nextSetBit(i + 1)) {
      Static value = StageCompiler.valueOf(field, trace.span(i));
      if (value != null && Values.isNumber(value)) {
        numbers.add(value);
      }
    }
    return numbers.isEmpty() ? null : Aggregates.of(function, numbers);
  }
}
