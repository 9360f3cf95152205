package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

/** {@code !operand} or {@code -operand} inside a span selector, printed parenthesised. */
public record UnaryOperation(UnaryOperator operator, FieldExpression operand)
    implements FieldExpression {

  /** The two prefix operators. */
  public enum UnaryOperator {
    /** Logical not, {@code !}. */
    NOT("!"),
    /** Arithmetic negation, {@code -}. */
    NEGATE("-");

    private final String symbol;

    UnaryOperator(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in TraceQL. */
    public String symbol() {
      return symbol;
    }
  }

  /** Creates an operation; no argument may be null. */
  public UnaryOperation {
    requireNonNull(operator, "operator");
    requireNonNull(operand, "operand");
  }

  @Override
  public String toString() {
    return "(" + operator.symbol() + operand + ")";
  }
}
