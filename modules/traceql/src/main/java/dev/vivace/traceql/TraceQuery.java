package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole query compiled once and evaluated against the spans of many traces: {@link
 * #evaluate(List)} returns the span sets the query yields for one trace, empty when the trace does
 * not match.
 *
 * <p>It evaluates all of TraceQL search with Tempo's semantics: span selectors ({@link
 * SpanFilter}), the span-set operators {@code &&} and {@code ||}, the structural operators and
 * their {@code !} and {@code &} forms, and pipelines of selectors, scalar filters over {@code
 * count()}, {@code avg}, {@code min}, {@code max} and {@code sum}, {@code by(...)}, {@code
 * select(...)} and {@code coalesce()}; the module README states each rule. The trace's structure
 * comes from {@link Intrinsic#SPAN_ID} and {@link Intrinsic#SPAN_PARENT_ID}; a span whose parent is
 * not in the trace is a root. Hints other than {@code most_recent} are accepted and ignored.
 */
public final class TraceQuery {

  private final RootExpr query;
  private final Stage root;
  private final List<FieldExpression> resultFields;
  private final boolean mostRecent;

  private TraceQuery(RootExpr query, Stage root, List<FieldExpression> resultFields) {
    this.query = query;
    this.root = root;
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
    Stage root = StageCompiler.compile(query.expression());
    Set<FieldExpression> fields = new LinkedHashSet<>();
    collectFields(query.expression(), fields);
    return new TraceQuery(query, root, new ArrayList<>(fields));
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
   * when it certainly holds none. The summary describes every span of the traces in the chunk: a
   * span-set {@code &&} is pruned when either side cannot match anywhere in the chunk.
   */
  public boolean mayMatch(ValueSummary summary) {
    requireNonNull(summary, "summary");
    return Pruning.mayMatch(query.expression(), summary);
  }

  /**
   * The comparisons of a field (an {@link Attribute} or an {@link Intrinsic}) with a literal that
   * {@link #mayMatch} may ask a summary about, field on the left: what a chunk's summary needs to
   * know. Empty when the query can be pruned by nothing but literal {@code false}.
   */
  public List<BinaryOperation> comparisons() {
    List<BinaryOperation> out = new ArrayList<>();
    Pruning.comparisons(query.expression(), out);
    return List.copyOf(out);
  }

  /**
   * The span sets the query yields for the trace made of {@code spans} (every span of the trace
   * this tier holds, in any order); empty when the trace does not match.
   */
  public List<Spanset> evaluate(List<? extends SpanView> spans) {
    requireNonNull(spans, "spans");
    TraceSpans trace = new TraceSpans(spans);
    BitSet all = new BitSet();
    all.set(0, trace.size());
    List<SpanGroup> groups = root.apply(trace, List.of(new SpanGroup(all, List.of())));
    List<Spanset> out = new ArrayList<>(groups.size());
    for (SpanGroup group : groups) {
      out.add(group.toSpanset(trace));
    }
    return out;
  }

  /** Adds to {@code out} the attributes and intrinsics {@code node} looks at or selects. */
  static void collectFields(Object node, Set<FieldExpression> out) {
    if (node instanceof SpansetFilter f) {
      collectFields(f.condition(), out);
    } else if (node instanceof SpansetExpression.Operation o) {
      collectFields(o.left(), out);
      collectFields(o.right(), out);
    } else if (node instanceof Pipeline p) {
      p.stages().forEach(stage -> collectFields(stage, out));
    } else if (node instanceof PipelineStage.Select s) {
      s.fields().forEach(field -> collectFields(field, out));
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
