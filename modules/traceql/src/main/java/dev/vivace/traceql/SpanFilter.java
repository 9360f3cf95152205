package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A span selector {@code { ... }} compiled once and matched against many spans. Semantics follow
 * Tempo's:
 *
 * <ul>
 *   <li>{@code {}} and {@code { true }} match every span; a selector matches only when its
 *       condition is {@code true}, so a non-boolean condition matches nothing.
 *   <li>A comparison with a missing attribute or intrinsic is false, {@code !=} included: {@code .a
 *       != "x"} matches only spans that have {@code .a}. Values of different kinds (a string and an
 *       integer, say) never compare, not even with {@code !=}.
 *   <li>{@code x = nil} matches when x is missing and {@code x != nil} when it is present.
 *   <li>Integers, floats and durations compare numerically; arithmetic is done in floats.
 *   <li>{@code =~} and {@code !~} take a string literal and match the whole value, as if the
 *       expression were wrapped in {@code ^(?:...)$}; both are false on a missing or non-string
 *       value. The expression is a {@link java.util.regex.Pattern}, which agrees with RE2 on the
 *       common syntax, inline flags such as {@code (?i)} included.
 *   <li>{@code !} of a missing or non-boolean value is not true, so it matches nothing.
 *   <li>An unscoped {@code .name} is the span attribute if the span has one, else the resource
 *       attribute.
 * </ul>
 *
 * <p>Span-set operators, structural operators and pipelines are refused with {@link
 * UnsupportedTraceQLException}; {@link TraceQuery} evaluates them. Query hints ({@code with(...)})
 * do not change which spans match and are ignored.
 */
public final class SpanFilter {

  private final SpansetFilter source;
  private final Node condition;
  private final List<FieldExpression> fields;

  private SpanFilter(SpansetFilter source, Node condition) {
    this.source = source;
    this.condition = condition;
    Set<FieldExpression> seen = new LinkedHashSet<>();
    TraceQuery.collectFields(source, seen);
    this.fields = List.copyOf(new ArrayList<>(seen));
  }

  /**
   * Compiles the single span selector of {@code query}.
   *
   * @throws UnsupportedTraceQLException if the query is anything other than one span selector
   * @throws IllegalArgumentException if a regular expression is invalid
   */
  public static SpanFilter compile(RootExpr query) {
    requireNonNull(query, "query");
    PipelineStage expression = query.expression();
    if (expression instanceof SpansetFilter filter) {
      return compile(filter);
    }
    throw new UnsupportedTraceQLException(describe(expression));
  }

  /**
   * Compiles {@code filter}.
   *
   * @throws UnsupportedTraceQLException if it uses a construct this evaluator does not support
   * @throws IllegalArgumentException if a regular expression is invalid
   */
  public static SpanFilter compile(SpansetFilter filter) {
    requireNonNull(filter, "filter");
    return new SpanFilter(filter, FieldCompiler.compile(filter.condition()));
  }

  /** The selector this was compiled from. */
  public SpansetFilter source() {
    return source;
  }

  /**
   * The attributes and intrinsics the selector looks at, in query order without repeats: each an
   * {@link Attribute} or an {@link Intrinsic}. A store that reads only their columns can still
   * decide which spans match.
   */
  public List<FieldExpression> fields() {
    return fields;
  }

  /**
   * Whether a chunk that {@code summary} describes may hold a span the selector matches; false only
   * when it certainly holds none, as for {@link TraceQuery#mayMatch}.
   */
  public boolean mayMatch(ValueSummary summary) {
    requireNonNull(summary, "summary");
    return Pruning.mayMatch(source, summary);
  }

  /** Whether {@code span} satisfies the selector. */
  public boolean matches(SpanView span) {
    requireNonNull(span, "span");
    return condition.evaluate(span) instanceof Static.BoolValue b && b.value();
  }

  private static String describe(PipelineStage expression) {
    if (expression instanceof SpansetExpression.Operation operation) {
      SpansetOperator op = operation.operator();
      boolean logical = op == SpansetOperator.AND || op == SpansetOperator.OR;
      return (logical ? "span-set operator " : "structural operator ") + op.symbol();
    }
    if (expression instanceof Pipeline) {
      return "pipeline";
    }
    return "pipeline stage " + expression;
  }
}
