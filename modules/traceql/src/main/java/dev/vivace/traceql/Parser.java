package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import dev.vivace.traceql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A recursive-descent parser for TraceQL: the one home of the grammar.
 *
 * <pre>
 * root        := pipeline [ "with" "(" hint { "," hint } ")" ]
 * pipeline    := stage { "|" stage }
 * stage       := spanset | scalarFilter | "by" "(" field ")" | "select" "(" field { "," field } ")"
 *              | "coalesce" "(" ")"
 * spanset     := spansetTerm { spansetOp spansetTerm }   (precedence below)
 * spansetTerm := "{" [ field ] "}" | "(" pipeline ")"
 * scalarFilter:= scalar ( = | != | &lt; | &lt;= | &gt; | &gt;= ) scalar
 * scalar      := aggregate | number | duration | "-" number, with + - * / % ^ and parentheses
 *                (a scalar pipeline "(" pipeline "|" aggregate ")" compared with a scalar is refused
 *                by name)
 * field       := unary/binary operators over static | intrinsic | attribute | "(" field ")"
 * </pre>
 *
 * <p>Precedence and associativity follow Tempo's yacc grammar ({@code pkg/traceql/expr.y}), lowest
 * first: {@code |}; then {@code && ||} at ONE level, left-associative (so {@code a || b && c} is
 * {@code (a || b) && c}); then the comparisons and structural operators {@code = != < <= > >= =~ !~
 * >> << ~} and their {@code !}/{@code &} forms; then {@code + -}; then prefix {@code !}; then
 * {@code * / %}; then {@code ^}, right-associative. Prefix {@code -} binds like binary {@code -}:
 * {@code -a * b} is {@code -(a * b)}. The structural {@code !}/{@code &} forms sit on the
 * comparison level as we read Tempo's newer grammar; we could not confirm that line in the stored
 * copy of expr.y, which predates them.
 */
final class Parser {

  private static final int LOGICAL = 1;
  private static final int COMPARISON = 2;
  private static final int ADDITIVE = 3;
  private static final int NOT = 4;
  private static final int MULTIPLICATIVE = 5;
  private static final int POWER = 6;

  private static final Set<String> AGGREGATES = Set.of("count", "avg", "min", "max", "sum");

  /** TraceQL metrics functions, which this module refuses by name. */
  private static final Set<String> METRICS_FUNCTIONS =
      Set.of(
          "rate",
          "count_over_time",
          "min_over_time",
          "max_over_time",
          "avg_over_time",
          "sum_over_time",
          "quantile_over_time",
          "histogram_over_time",
          "compare",
          "topk",
          "bottomk");

  private final List<Token> tokens;
  private int next;

  Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  RootExpr parseRoot() {
    if (peek().kind() == Kind.END) {
      throw error(peek(), "empty query");
    }
    PipelineStage expression = parsePipeline();
    List<RootExpr.Hint> hints = new ArrayList<>();
    if (peek().isWord("with")) {
      advance();
      expect(Kind.OPEN_PARENS);
      do {
        hints.add(parseHint());
      } while (accept(Kind.COMMA));
      expect(Kind.CLOSE_PARENS);
    }
    if (peek().kind() != Kind.END) {
      throw unexpected(peek(), "end of query");
    }
    return new RootExpr(expression, hints);
  }

  /**
   * Parses a lone identifier: one attribute ({@code resource.service.name}, {@code .foo}, {@code
   * span."a b"}) or one intrinsic ({@code name}, {@code span:status}), and nothing after it.
   */
  FieldExpression parseIdentifier() {
    Token t = peek();
    FieldExpression field;
    if (t.kind() == Kind.ATTRIBUTE) {
      field = (Attribute) requireNonNull(t.value(), "value");
    } else if (t.kind() == Kind.WORD && Intrinsic.forSpelling(t.text()) != null) {
      field = requireNonNull(Intrinsic.forSpelling(t.text()), "intrinsic");
    } else {
      throw unexpected(t, "an attribute or intrinsic");
    }
    advance();
    if (peek().kind() != Kind.END) {
      throw unexpected(peek(), "end of identifier");
    }
    return field;
  }

  private RootExpr.Hint parseHint() {
    Token key = peek();
    if (key.kind() != Kind.WORD) {
      throw unexpected(key, "a hint name");
    }
    advance();
    expect(Kind.EQ);
    Token valueToken = peek();
    if (!(parsePrimary() instanceof Static value)) {
      throw unexpected(valueToken, "a literal hint value");
    }
    return new RootExpr.Hint(key.text(), value);
  }

  private PipelineStage parsePipeline() {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(parseStage());
    while (accept(Kind.PIPE)) {
      stages.add(parseStage());
    }
    return stages.size() == 1 ? stages.get(0) : new Pipeline(stages);
  }

  private PipelineStage parseStage() {
    Token t = peek();
    if (t.kind() == Kind.WORD && METRICS_FUNCTIONS.contains(t.text())) {
      throw error(t, "metrics queries are not supported: " + t.text() + "()");
    }
    if (t.isWord("by")) {
      advance();
      expect(Kind.OPEN_PARENS);
      FieldExpression field = parseField(0);
      expect(Kind.CLOSE_PARENS);
      return new PipelineStage.By(field);
    }
    if (t.isWord("select")) {
      advance();
      expect(Kind.OPEN_PARENS);
      List<FieldExpression> fields = new ArrayList<>();
      do {
        fields.add(parseField(0));
      } while (accept(Kind.COMMA));
      expect(Kind.CLOSE_PARENS);
      return new PipelineStage.Select(fields);
    }
    if (t.isWord("coalesce")) {
      advance();
      expect(Kind.OPEN_PARENS);
      expect(Kind.CLOSE_PARENS);
      return new PipelineStage.Coalesce();
    }
    if (startsScalar()) {
      return parseScalarFilter();
    }
    return parseSpanset(0);
  }

  // ---- span sets ----

  private SpansetExpression parseSpanset(int minPrecedence) {
    SpansetExpression left = parseSpansetTerm();
    while (true) {
      SpansetOperator op = spansetOperator(peek().kind());
      int precedence = op == SpansetOperator.AND || op == SpansetOperator.OR ? LOGICAL : COMPARISON;
      if (op == null || precedence < minPrecedence) {
        return left;
      }
      advance();
      left = new SpansetExpression.Operation(op, left, parseSpanset(precedence + 1));
    }
  }

  private SpansetExpression parseSpansetTerm() {
    Token t = peek();
    if (accept(Kind.OPEN_BRACE)) {
      if (accept(Kind.CLOSE_BRACE)) {
        return new SpansetFilter(new Static.BoolValue(true));
      }
      FieldExpression condition = parseField(0);
      expect(Kind.CLOSE_BRACE);
      return new SpansetFilter(condition);
    }
    if (accept(Kind.OPEN_PARENS)) {
      PipelineStage inner = parsePipeline();
      expect(Kind.CLOSE_PARENS);
      if (inner instanceof SpansetExpression spanset) {
        return spanset;
      }
      throw error(t, "expected a span set inside parentheses, found " + inner);
    }
    throw unexpected(t, "\"{\"");
  }

  private static @Nullable SpansetOperator spansetOperator(Kind kind) {
    return switch (kind) {
      case AND -> SpansetOperator.AND;
      case OR -> SpansetOperator.OR;
      case GT -> SpansetOperator.CHILD;
      case LT -> SpansetOperator.PARENT;
      case DESC -> SpansetOperator.DESCENDANT;
      case ANCE -> SpansetOperator.ANCESTOR;
      case TILDE -> SpansetOperator.SIBLING;
      case NOT_CHILD -> SpansetOperator.NOT_CHILD;
      case NOT_PARENT -> SpansetOperator.NOT_PARENT;
      case NOT_DESC -> SpansetOperator.NOT_DESCENDANT;
      case NOT_ANCE -> SpansetOperator.NOT_ANCESTOR;
      case NRE -> SpansetOperator.NOT_SIBLING;
      case UNION_CHILD -> SpansetOperator.UNION_CHILD;
      case UNION_PARENT -> SpansetOperator.UNION_PARENT;
      case UNION_DESC -> SpansetOperator.UNION_DESCENDANT;
      case UNION_ANCE -> SpansetOperator.UNION_ANCESTOR;
      case UNION_SIBLING -> SpansetOperator.UNION_SIBLING;
      default -> null;
    };
  }

  // ---- scalars ----

  /** Whether the next stage is a scalar filter: an aggregate or number, maybe parenthesised. */
  private boolean startsScalar() {
    int i = next;
    while (tokens.get(i).kind() == Kind.OPEN_PARENS) {
      i++;
    }
    Token t = tokens.get(i);
    return switch (t.kind()) {
      case INTEGER, FLOAT, DURATION, SUB -> true;
      case WORD -> AGGREGATES.contains(t.text());
      default -> false;
    };
  }

  private PipelineStage parseScalarFilter() {
    Token start = peek();
    ScalarExpression left = parseScalar(0);
    FieldOperator op = comparison(peek().kind());
    if (op == null && peek().kind() == Kind.CLOSE_PARENS) {
      // Tempo's grammar has ({...} | count()) > ({...} | count()), which this module does not
      // evaluate; refuse it by name rather than as a stray parenthesis.
      throw error(start, "scalar pipeline comparisons are not supported: (... | " + left + ")");
    }
    if (op == null) {
      throw unexpected(peek(), "a comparison (= != < <= > >=)");
    }
    advance();
    return new PipelineStage.ScalarFilter(op, left, parseScalar(0));
  }

  private static @Nullable FieldOperator comparison(Kind kind) {
    return switch (kind) {
      case EQ -> FieldOperator.EQUAL;
      case NEQ -> FieldOperator.NOT_EQUAL;
      case LT -> FieldOperator.LESS;
      case LTE -> FieldOperator.LESS_EQUAL;
      case GT -> FieldOperator.GREATER;
      case GTE -> FieldOperator.GREATER_EQUAL;
      default -> null;
    };
  }

  private ScalarExpression parseScalar(int minPrecedence) {
    ScalarExpression left = parseScalarPrimary();
    while (true) {
      FieldOperator op = arithmetic(peek().kind());
      int precedence = op == null ? -1 : precedence(op);
      if (op == null || precedence < minPrecedence) {
        return left;
      }
      advance();
      int rightMin = op == FieldOperator.POWER ? precedence : precedence + 1;
      left = new ScalarExpression.Operation(op, left, parseScalar(rightMin));
    }
  }

  private ScalarExpression parseScalarPrimary() {
    Token t = peek();
    if (accept(Kind.OPEN_PARENS)) {
      ScalarExpression inner = parseScalar(0);
      expect(Kind.CLOSE_PARENS);
      return inner;
    }
    if (t.kind() == Kind.SUB) {
      advance();
      Token number = peek();
      if (parseScalarPrimary() instanceof Static literal) {
        return negate(literal, number);
      }
      throw unexpected(number, "a number or duration after \"-\"");
    }
    if (t.kind() == Kind.WORD && AGGREGATES.contains(t.text())) {
      advance();
      expect(Kind.OPEN_PARENS);
      Aggregate.Function function = Aggregate.Function.valueOf(t.text().toUpperCase(Locale.ROOT));
      FieldExpression field = function == Aggregate.Function.COUNT ? null : parseField(0);
      expect(Kind.CLOSE_PARENS);
      return new Aggregate(function, field);
    }
    if (t.kind() == Kind.INTEGER || t.kind() == Kind.FLOAT || t.kind() == Kind.DURATION) {
      return (Static) parsePrimary();
    }
    throw unexpected(t, "an aggregate, number or duration");
  }

  private static Static negate(Static literal, Token at) {
    if (literal instanceof Static.IntValue i) {
      return new Static.IntValue(-i.value());
    }
    if (literal instanceof Static.FloatValue f) {
      return new Static.FloatValue(-f.value());
    }
    if (literal instanceof Static.DurationValue d) {
      return new Static.DurationValue(-d.nanos());
    }
    throw new TraceQLParseException(at.line(), at.column(), "cannot negate " + literal);
  }

  // ---- field expressions ----

  private FieldExpression parseField(int minPrecedence) {
    FieldExpression left = parseUnary();
    while (true) {
      FieldOperator op = fieldOperator(peek().kind());
      int precedence = op == null ? -1 : precedence(op);
      if (op == null || precedence < minPrecedence) {
        return left;
      }
      advance();
      int rightMin = op == FieldOperator.POWER ? precedence : precedence + 1;
      left = new BinaryOperation(op, left, parseField(rightMin));
    }
  }

  private FieldExpression parseUnary() {
    if (accept(Kind.NOT)) {
      return new UnaryOperation(UnaryOperation.UnaryOperator.NOT, parseField(NOT + 1));
    }
    if (accept(Kind.SUB)) {
      return new UnaryOperation(UnaryOperation.UnaryOperator.NEGATE, parseField(ADDITIVE + 1));
    }
    return parsePrimary();
  }

  private FieldExpression parsePrimary() {
    Token t = peek();
    switch (t.kind()) {
      case OPEN_PARENS -> {
        advance();
        FieldExpression inner = parseField(0);
        expect(Kind.CLOSE_PARENS);
        return inner;
      }
      case ATTRIBUTE, STRING, INTEGER, FLOAT, DURATION -> {
        advance();
        return literalOf(t);
      }
      case WORD -> {
        advance();
        return word(t);
      }
      default -> throw unexpected(t, "a field expression");
    }
  }

  private static FieldExpression literalOf(Token t) {
    Object value = requireNonNull(t.value(), "value");
    return switch (t.kind()) {
      case ATTRIBUTE -> (Attribute) value;
      case STRING -> new Static.StringValue((String) value);
      case INTEGER -> new Static.IntValue((Long) value);
      case FLOAT -> new Static.FloatValue((Double) value);
      default -> new Static.DurationValue((Long) value);
    };
  }

  private FieldExpression word(Token t) {
    String w = t.text();
    Static literal =
        switch (w) {
          case "true" -> new Static.BoolValue(true);
          case "false" -> new Static.BoolValue(false);
          case "nil" -> new Static.NilValue();
          case "ok", "error", "unset" ->
              new Static.StatusValue(Static.StatusCode.valueOf(w.toUpperCase(Locale.ROOT)));
          case "unspecified", "internal", "server", "client", "producer", "consumer" ->
              new Static.KindValue(Static.SpanKind.valueOf(w.toUpperCase(Locale.ROOT)));
          default -> null;
        };
    if (literal != null) {
      return literal;
    }
    Intrinsic intrinsic = Intrinsic.forSpelling(w);
    if (intrinsic != null) {
      return intrinsic;
    }
    if (METRICS_FUNCTIONS.contains(w)) {
      throw error(t, "metrics queries are not supported: " + w + "()");
    }
    throw error(t, "unknown identifier \"" + w + "\"");
  }

  private static @Nullable FieldOperator fieldOperator(Kind kind) {
    return switch (kind) {
      case AND -> FieldOperator.AND;
      case OR -> FieldOperator.OR;
      case RE -> FieldOperator.REGEX;
      case NRE -> FieldOperator.NOT_REGEX;
      default -> {
        FieldOperator op = comparison(kind);
        yield op != null ? op : arithmetic(kind);
      }
    };
  }

  private static @Nullable FieldOperator arithmetic(Kind kind) {
    return switch (kind) {
      case ADD -> FieldOperator.ADD;
      case SUB -> FieldOperator.SUBTRACT;
      case MUL -> FieldOperator.MULTIPLY;
      case DIV -> FieldOperator.DIVIDE;
      case MOD -> FieldOperator.MODULO;
      case POW -> FieldOperator.POWER;
      default -> null;
    };
  }

  private static int precedence(FieldOperator op) {
    return switch (op) {
      case AND, OR -> LOGICAL;
      case ADD, SUBTRACT -> ADDITIVE;
      case MULTIPLY, DIVIDE, MODULO -> MULTIPLICATIVE;
      case POWER -> POWER;
      default -> COMPARISON;
    };
  }

  // ---- tokens ----

  private Token peek() {
    return tokens.get(next);
  }

  private void advance() {
    if (peek().kind() != Kind.END) {
      next++;
    }
  }

  private boolean accept(Kind kind) {
    if (peek().kind() == kind) {
      advance();
      return true;
    }
    return false;
  }

  private void expect(Kind kind) {
    if (!accept(kind)) {
      throw unexpected(peek(), kind.description());
    }
  }

  private static TraceQLParseException unexpected(Token t, String expected) {
    return error(t, "unexpected " + t.describe() + ", expected " + expected);
  }

  private static TraceQLParseException error(Token t, String what) {
    return new TraceQLParseException(t.line(), t.column(), what);
  }
}
