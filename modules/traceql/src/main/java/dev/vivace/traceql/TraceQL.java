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

  /**
   * Parses {@code identifier} as one attribute ({@code resource.service.name}, {@code .foo}, {@code
   * span."a b"}) or one intrinsic ({@code name}, {@code span:status}): what Tempo accepts as the
   * tag of {@code /api/v2/search/tag/{tag}/values}.
   *
   * @return an {@link Attribute} or an {@link Intrinsic}
   * @throws IllegalArgumentException if it is anything else, with a message such as {@code failed
   *     to parse identifier service.name: parse error at line 1, col 1: ...}; the cause is the
   *     {@link TraceQLParseException}, which has the position
   */
  public static FieldExpression parseIdentifier(String identifier) {
    requireNonNull(identifier, "identifier");
    try {
      int size = identifier.getBytes(StandardCharsets.UTF_8).length;
      if (size > MAX_QUERY_BYTES) {
        throw TraceQLParseException.tooLarge(size, MAX_QUERY_BYTES);
      }
      return new Parser(Lexer.tokenize(identifier)).parseIdentifier();
    } catch (TraceQLParseException e) {
      String message = String.valueOf(e.getMessage());
      String detail =
          message.startsWith(QUERY_ERROR_PREFIX)
              ? message.substring(QUERY_ERROR_PREFIX.length())
              : message;
      throw new IllegalArgumentException(
          "failed to parse identifier " + identifier + ": " + detail, e);
    }
  }

  /** How {@link TraceQLParseException} messages start; an identifier's error drops it. */
  private static final String QUERY_ERROR_PREFIX = "invalid TraceQL query: ";
}
