package dev.vivace.traceql;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Compiles span-set expressions and pipeline stages into {@link Stage}s, once per query. Semantics
 * follow Tempo's: every expression is evaluated once per span set fed to it; a selector keeps the
 * spans of each set that match; an operation between span sets evaluates both sides on the set and
 * yields one set (with the attributes of the set fed to it) from all spans of each side.
 */
final class StageCompiler {

  private StageCompiler() {}

  static Stage compile(PipelineStage stage) {
    if (stage instanceof SpansetFilter filter) {
      return selector(SpanFilter.compile(filter));
    }
    if (stage instanceof SpansetExpression.Operation operation) {
      return operation(operation);
    }
    if (stage instanceof Pipeline pipeline) {
      return pipeline(pipeline);
    }
    if (stage instanceof PipelineStage.ScalarFilter filter) {
      return ScalarStage.compile(filter);
    }
    if (stage instanceof PipelineStage.By by) {
      return by(by);
    }
    if (stage instanceof PipelineStage.Coalesce) {
      return StageCompiler::coalesce;
    }
    if (stage instanceof PipelineStage.Select) {
      return (trace, input) -> input;
    }
    throw new UnsupportedTraceQLException("pipeline stage " + stage);
  }

  /** Whether {@code span} matches: a span matches when any of its event or link views does. */
  static boolean matches(SpanFilter filter, SpanView span) {
    for (SpanView variant : span.variants()) {
      if (filter.matches(variant)) {
        return true;
      }
    }
    return false;
  }

  /** The value of {@code node} for {@code span}: the first non-null one among its views. */
  static @Nullable Static valueOf(Node node, SpanView span) {
    for (SpanView variant : span.variants()) {
      Static value = node.evaluate(variant);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static Stage selector(SpanFilter filter) {
    return (trace, input) -> {
      List<SpanGroup> output = new ArrayList<>(input.size());
      for (SpanGroup group : input) {
        BitSet spans = group.spans();
        BitSet matched = new BitSet();
        for (int i = spans.nextSetBit(0); i >= 0; i = spans.nextSetBit(i + 1)) {
          if (matches(filter, trace.span(i))) {
            matched.set(i);
          }
        }
        if (!matched.isEmpty()) {
          output.add(group.with(matched, List.of()));
        }
      }
      return output;
    };
  }

  private static Stage operation(SpansetExpression.Operation operation) {
    SpansetOperator op = operation.operator();
    Stage left = compile(operation.left());
    Stage right = compile(operation.right());
    return (trace, input) -> {
      List<SpanGroup> output = new ArrayList<>(input.size());
      for (SpanGroup group : input) {
        List<SpanGroup> one = List.of(group);
        List<SpanGroup> l = left.apply(trace, one);
        if (l.isEmpty() && op == SpansetOperator.AND) {
          continue;
        }
        List<SpanGroup> r = right.apply(trace, one);
        BitSet spans =
            switch (op) {
              case AND -> r.isEmpty() ? new BitSet() : SpanGroup.union(concat(l, r));
              case OR -> SpanGroup.union(concat(l, r));
              default -> StructuralJoin.join(op, trace, SpanGroup.union(l), SpanGroup.union(r));
            };
        if (!spans.isEmpty()) {
          output.add(group.with(spans, List.of()));
        }
      }
      return output;
    };
  }

  private static List<SpanGroup> concat(List<SpanGroup> a, List<SpanGroup> b) {
    List<SpanGroup> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Stage pipeline(Pipeline pipeline) {
    List<Stage> stages = new ArrayList<>();
    for (PipelineStage stage : pipeline.stages()) {
      stages.add(compile(stage));
    }
    return (trace, input) -> {
      List<SpanGroup> sets = input;
      for (Stage stage : stages) {
        if (sets.isEmpty()) {
          break;
        }
        sets = stage.apply(trace, sets);
      }
      return sets;
    };
  }

  /**
   * {@code by(field)}: splits each set into one set per distinct value of the field, in order of
   * first appearance, each with the attribute {@code by(field)}. Spans without the value form one
   * more set whose value is {@code nil}.
   */
  private static Stage by(PipelineStage.By by) {
    Node field = FieldCompiler.compile(by.field());
    String name = by.toString();
    return (trace, input) -> {
      List<SpanGroup> output = new ArrayList<>();
      for (SpanGroup group : input) {
        Map<Static, BitSet> byValue = new LinkedHashMap<>();
        BitSet spans = group.spans();
        for (int i = spans.nextSetBit(0); i >= 0; i = spans.nextSetBit(i + 1)) {
          Static value = valueOf(field, trace.span(i));
          byValue
              .computeIfAbsent(value == null ? new Static.NilValue() : value, v -> new BitSet())
              .set(i);
        }
        byValue.forEach(
            (value, members) ->
                output.add(group.with(members, List.of(new Spanset.NamedValue(name, value)))));
      }
      return output;
    };
  }

  /** {@code coalesce()}: all spans of all sets as one set, without attributes. */
  private static List<SpanGroup> coalesce(TraceSpans trace, List<SpanGroup> input) {
    if (input.isEmpty()) {
      return List.of();
    }
    return List.of(new SpanGroup(SpanGroup.union(input), List.of()));
  }
}
