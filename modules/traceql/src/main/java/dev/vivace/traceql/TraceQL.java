package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/** Entry point of the TraceQL language. */
public final class TraceQL {

  /**
   * The largest query accepted, in UTF-8 bytes: 128 KiB, Tempo's default {@code
   * query_frontend.max_query_expression_size_bytes}.
   */
  public static final int MAX_QUERY_BYTES = 128 * 1024;

  private TraceQL() {}

  /**
   * Parses {@code query} into its syntax tree.
   *
   * @throws TraceQLParseException if the query is not valid TraceQL, is a TraceQL metrics query, or
   *     is larger than {@link #MAX_QUERY_BYTES}
   */
  public static RootExpr parse(String query) {
    requireNonNull(query, "query");
    int size = query.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_QUERY_BYTES) {
      throw TraceQLParseException.tooLarge(size, MAX_QUERY_BYTES);
    }
    return new Parser(Lexer.tokenize(query)).parseRoot();
  }
}
