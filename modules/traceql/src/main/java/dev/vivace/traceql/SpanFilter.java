package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

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

  private final Node condition;

  private SpanFilter(Node condition) {
    this.condition = condition;
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
    return new SpanFilter(FieldCompiler.compile(filter.condition()));
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
