package dev.vivace.traceql;

/** The binary operators of a field expression. */
public enum FieldOperator {
  /** {@code &&}. */
  AND("&&"),
  /** {@code ||}. */
  OR("||"),
  /** {@code =}. */
  EQUAL("="),
  /** {@code !=}. */
  NOT_EQUAL("!="),
  /** {@code <}. */
  LESS("<"),
  /** {@code <=}. */
  LESS_EQUAL("<="),
  /** {@code >}. */
  GREATER(">"),
  /** {@code >=}. */
  GREATER_EQUAL(">="),
  /** {@code =~}, a fully anchored RE2 match. */
  REGEX("=~"),
  /** {@code !~}, the negation of {@link #REGEX}. */
  NOT_REGEX("!~"),
  /** {@code +}. */
  ADD("+"),
  /** {@code -}. */
  SUBTRACT("-"),
  /** {@code *}. */
  MULTIPLY("*"),
  /** {@code /}. */
  DIVIDE("/"),
  /** {@code %}. */
  MODULO("%"),
  /** {@code ^}. */
  POWER("^");

  private final String symbol;

  FieldOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in TraceQL. */
  public String symbol() {
    return symbol;
  }

  /** {@code (left op right)}: how every operation prints, fully parenthesised. */
  String between(Object left, Object right) {
    return "(" + left + " " + symbol + " " + right + ")";
  }
}
