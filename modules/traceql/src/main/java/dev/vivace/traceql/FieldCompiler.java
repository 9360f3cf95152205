package dev.vivace.traceql;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Compiles a field expression into a {@link Node} tree, once per query. */
final class FieldCompiler {

  private static final Static.BoolValue TRUE = new Static.BoolValue(true);
  private static final Static.BoolValue FALSE = new Static.BoolValue(false);

  private FieldCompiler() {}

  static Node compile(FieldExpression expression) {
    if (expression instanceof Static value) {
      return span -> value;
    }
    if (expression instanceof Intrinsic intrinsic) {
      return span -> span.intrinsic(intrinsic);
    }
    if (expression instanceof Attribute attribute) {
      return attribute(attribute);
    }
    if (expression instanceof UnaryOperation unary) {
      Node operand = compile(unary.operand());
      if (unary.operator() == UnaryOperation.UnaryOperator.NOT) {
        return span ->
            operand.evaluate(span) instanceof Static.BoolValue b ? bool(!b.value()) : null;
      }
      return span -> Values.negate(operand.evaluate(span));
    }
    return binary((BinaryOperation) expression);
  }

  private static Node attribute(Attribute attribute) {
    AttributeScope scope = attribute.scope();
    String name = attribute.name();
    if (!attribute.parent()) {
      return span -> lookUp(span, scope, name);
    }
    return span -> {
      SpanView parent = span.parent();
      return parent == null ? null : lookUp(parent, scope, name);
    };
  }

  /** An unscoped attribute is the span attribute if there is one, else the resource attribute. */
  private static @Nullable Static lookUp(SpanView span, AttributeScope scope, String name) {
    if (scope != AttributeScope.NONE) {
      return span.attribute(scope, name);
    }
    Static value = span.attribute(AttributeScope.SPAN, name);
    return value != null ? value : span.attribute(AttributeScope.RESOURCE, name);
  }

  private static Node binary(BinaryOperation operation) {
    FieldOperator op = operation.operator();
    if (op == FieldOperator.REGEX || op == FieldOperator.NOT_REGEX) {
      return regex(op, operation);
    }
    if ((op == FieldOperator.EQUAL || op == FieldOperator.NOT_EQUAL)
        && (isNil(operation.left()) || isNil(operation.right()))) {
      return presence(op, operation);
    }
    Node left = compile(operation.left());
    Node right = compile(operation.right());
    return switch (op) {
      case AND -> span -> bool(isTrue(left.evaluate(span)) && isTrue(right.evaluate(span)));
      case OR -> span -> bool(isTrue(left.evaluate(span)) || isTrue(right.evaluate(span)));
      case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL ->
          span -> bool(Values.compare(op, left.evaluate(span), right.evaluate(span)));
      default -> span -> Values.arithmetic(op, left.evaluate(span), right.evaluate(span));
    };
  }

  /** {@code x = nil} holds when x is missing, {@code x != nil} when it is present. */
  private static Node presence(FieldOperator op, BinaryOperation operation) {
    boolean wantMissing = op == FieldOperator.EQUAL;
    if (isNil(operation.left()) && isNil(operation.right())) {
      return span -> bool(wantMissing);
    }
    Node operand = compile(isNil(operation.left()) ? operation.right() : operation.left());
    return span -> bool((operand.evaluate(span) == null) == wantMissing);
  }

  /** A fully anchored match of a string value against a string literal, compiled here once. */
  private static Node regex(FieldOperator op, BinaryOperation operation) {
    if (!(operation.right() instanceof Static.StringValue literal)) {
      throw new UnsupportedTraceQLException(
          op.symbol() + " with a right operand that is not a string literal");
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(literal.value());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid TraceQL query: invalid regular expression: " + e.getDescription(), e);
    }
    boolean wantMatch = op == FieldOperator.REGEX;
    Node left = compile(operation.left());
    return span ->
        left.evaluate(span) instanceof Static.StringValue s
            ? bool(pattern.matcher(s.value()).matches() == wantMatch)
            : FALSE;
  }

  private static boolean isNil(FieldExpression expression) {
    return expression instanceof Static.NilValue;
  }

  private static boolean isTrue(@Nullable Static value) {
    return value instanceof Static.BoolValue b && b.value();
  }

  private static Static.BoolValue bool(boolean value) {
    return value ? TRUE : FALSE;
  }
}
