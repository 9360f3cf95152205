package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole query compiled once and evaluated against the spans of many traces: {@link
 * #evaluate(List)} returns the span sets the query yields for one trace, empty when the trace does
 * not match.
 *
 * <p>This version evaluates a single span selector; every other construct is refused with {@link
 * UnsupportedTraceQLException} naming it.
 */
public final class TraceQuery {

  private final RootExpr query;
  private final SpanFilter filter;
  private final List<FieldExpression> resultFields;
  private final boolean mostRecent;

  private TraceQuery(RootExpr query, SpanFilter filter, List<FieldExpression> resultFields) {
    this.query = query;
    this.filter = filter;
    this.resultFields = List.copyOf(resultFields);
    this.mostRecent =
        query.hints().stream()
            .anyMatch(
                h ->
                    h.key().equals("most_recent")
                        && h.value() instanceof Static.BoolValue b
                        && b.value());
  }

  /**
   * Compiles {@code query}.
   *
   * @throws UnsupportedTraceQLException if it uses a construct this evaluator does not support
   * @throws IllegalArgumentException if a regular expression is invalid
   */
  public static TraceQuery compile(RootExpr query) {
    requireNonNull(query, "query");
    SpanFilter filter = SpanFilter.compile(query);
    Set<FieldExpression> fields = new LinkedHashSet<>();
    collectFields(query.expression(), fields);
    return new TraceQuery(query, filter, new ArrayList<>(fields));
  }

  /** The query this was compiled from. */
  public RootExpr query() {
    return query;
  }

  /** Whether the query asked for the most recent traces ({@code with(most_recent=true)}). */
  public boolean mostRecent() {
    return mostRecent;
  }

  /**
   * The attributes and intrinsics a result span shows, in query order without repeats: those the
   * query compares and those it selects. Each is an {@link Attribute} or an {@link Intrinsic}.
   */
  public List<FieldExpression> resultFields() {
    return resultFields;
  }

  /**
   * Whether a chunk that {@code summary} describes may hold a trace the query matches; false only
   * when it certainly holds none.
   */
  public boolean mayMatch(ValueSummary summary) {
    requireNonNull(summary, "summary");
    return true;
  }

  /**
   * The span sets the query yields for the trace made of {@code spans} (every span of the trace
   * this tier holds, in any order); empty when the trace does not match.
   */
  public List<Spanset> evaluate(List<? extends SpanView> spans) {
    List<SpanView> matched = new ArrayList<>();
    for (SpanView span : spans) {
      for (SpanView variant : span.variants()) {
        if (filter.matches(variant)) {
          matched.add(span);
          break;
        }
      }
    }
    return matched.isEmpty() ? List.of() : List.of(new Spanset(matched, List.of()));
  }

  private static void collectFields(Object node, Set<FieldExpression> out) {
    if (node instanceof SpansetFilter f) {
      collectFields(f.condition(), out);
    } else if (node instanceof Attribute || node instanceof Intrinsic) {
      out.add((FieldExpression) node);
    } else if (node instanceof BinaryOperation b) {
      collectFields(b.left(), out);
      collectFields(b.right(), out);
    } else if (node instanceof UnaryOperation u) {
      collectFields(u.operand(), out);
    }
  }
}
