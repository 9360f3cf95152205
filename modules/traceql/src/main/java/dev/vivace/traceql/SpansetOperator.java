package dev.vivace.traceql;

/** The operators between span sets: logical, structural, negated and union structural. */
public enum SpansetOperator {
  /** {@code &&}: both sets are non-empty in the trace. */
  AND("&&"),
  /** {@code ||}: the union of the sets. */
  OR("||"),
  /** {@code >}: right spans that are children of left spans. */
  CHILD(">"),
  /** {@code <}: right spans that are parents of left spans. */
  PARENT("<"),
  /** {@code >>}: right spans that are descendants of left spans. */
  DESCENDANT(">>"),
  /** {@code <<}: right spans that are ancestors of left spans. */
  ANCESTOR("<<"),
  /** {@code ~}: right spans that are siblings of left spans. */
  SIBLING("~"),
  /** {@code !>}. */
  NOT_CHILD("!>"),
  /** {@code !<}. */
  NOT_PARENT("!<"),
  /** {@code !>>}. */
  NOT_DESCENDANT("!>>"),
  /** {@code !<<}. */
  NOT_ANCESTOR("!<<"),
  /** {@code !~}. */
  NOT_SIBLING("!~"),
  /** {@code &>}: like {@link #CHILD} but keeps the matching spans of both sides. */
  UNION_CHILD("&>"),
  /** {@code &<}. */
  UNION_PARENT("&<"),
  /** {@code &>>}. */
  UNION_DESCENDANT("&>>"),
  /** {@code &<<}. */
  UNION_ANCESTOR("&<<"),
  /** {@code &~}. */
  UNION_SIBLING("&~");

  private final String symbol;

  SpansetOperator(String symbol) {
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
