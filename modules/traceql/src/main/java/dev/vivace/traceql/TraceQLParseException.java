package dev.vivace.traceql;

/**
 * A query that is not valid TraceQL. The message reads as Tempo's does: {@code invalid TraceQL
 * query: parse error at line L, col C: <what>}. {@link #line()} and {@link #column()} are 1-based
 * and point at the offending token; both are 0 when the error has no position (a query that is too
 * large).
 */
public final class TraceQLParseException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private static final String PREFIX = "invalid TraceQL query: ";

  private final int line;
  private final int column;

  TraceQLParseException(int line, int column, String what) {
    super(PREFIX + "parse error at line " + line + ", col " + column + ": " + what);
    this.line = line;
    this.column = column;
  }

  private TraceQLParseException(String message) {
    super(PREFIX + message);
    this.line = 0;
    this.column = 0;
  }

  static TraceQLParseException tooLarge(int sizeBytes, int maxBytes) {
    return new TraceQLParseException(
        "query is " + sizeBytes + " bytes, larger than the limit of " + maxBytes + " bytes");
  }

  /** The 1-based line of the offending token, or 0 when the error has no position. */
  public int line() {
    return line;
  }

  /** The 1-based column of the offending token, or 0 when the error has no position. */
  public int column() {
    return column;
  }
}
