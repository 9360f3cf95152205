package dev.vivace.traceql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceQLErrorTest {

  /** Query, then the line and column of the offending token, then what is wrong. */
  static Stream<Arguments> invalidQueries() {
    return Stream.of(
        arguments("", 1, 1, "empty query"),
        arguments("{ .a = \"abc }", 1, 8, "unterminated string"),
        arguments("{ name =~ `abc\n }", 1, 11, "unterminated string"),
        arguments(
            "{ foo.bar = 1 }",
            1,
            3,
            "unknown attribute scope \"foo\" (expected: resource, span, event, link,"
                + " instrumentation, parent or a leading dot)"),
        arguments("{ .a = 1", 1, 9, "unexpected end of query, expected \"}\""),
        arguments("{ duration > 5x }", 1, 14, "invalid duration \"5x\""),
        arguments("{ duration > 1m30 }", 1, 14, "invalid duration \"1m30\""),
        arguments("{} }", 1, 4, "unexpected \"}\", expected end of query"),
        arguments("{} | rate()", 1, 6, "metrics queries are not supported: rate()"),
        arguments(
            "{} | quantile_over_time(duration, .9)",
            1,
            6,
            "metrics queries are not supported: quantile_over_time()"),
        arguments(
            "{ } | count_over_time() by (resource.service.name)",
            1,
            7,
            "metrics queries are not supported: count_over_time()"),
        arguments("{ span:foo = 1 }", 1, 3, "unknown intrinsic \"span:foo\""),
        arguments("{ foo = 1 }", 1, 3, "unknown identifier \"foo\""),
        arguments("{ .a = 1 } && ", 1, 15, "unexpected end of query, expected \"{\""),
        arguments("{ .a = 1 &&\n  .b = }", 2, 8, "unexpected \"}\", expected a field expression"),
        arguments("{ .a = \"x\\q\" }", 1, 10, "invalid escape in string"),
        arguments(
            "{ .a = 1 } | count()",
            1,
            21,
            "unexpected end of query, expected a comparison (= != < <= > >=)"),
        arguments(
            "({ .a } | count()) > ({ .b } | count())",
            1,
            11,
            "scalar pipeline comparisons are not supported: (... | count())"),
        arguments(
            "({ .a } | avg(duration)) > 1s",
            1,
            11,
            "scalar pipeline comparisons are not supported: (... | avg(duration))"),
        arguments("{ .a & .b }", 1, 6, "unexpected character \"&\""),
        arguments("{ . = 1 }", 1, 3, "missing attribute name after \".\""),
        arguments(
            "{ .a = 99999999999999999999 }", 1, 8, "integer out of range \"99999999999999999999\""),
        arguments("{} with(most_recent=)", 1, 21, "unexpected \")\", expected a field expression"),
        arguments("{ .a = 1 } | by(.a", 1, 19, "unexpected end of query, expected \")\""),
        arguments("name = \"x\"", 1, 1, "unexpected \"name\", expected \"{\""));
  }

  @ParameterizedTest
  @MethodSource("invalidQueries")
  void reportsWhereAndWhat(String query, int line, int column, String what) {
    TraceQLParseException e =
        catchThrowableOfType(TraceQLParseException.class, () -> TraceQL.parse(query));

    assertThat(e)
        .hasMessage(
            "invalid TraceQL query: parse error at line " + line + ", col " + column + ": " + what);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.column()).isEqualTo(column);
  }

  @Test
  void acceptsAQueryOfExactlyTheLimit() {
    String query = padded(TraceQL.MAX_QUERY_BYTES);

    assertThat(TraceQL.parse(query).expression()).isInstanceOf(SpansetFilter.class);
  }

  @Test
  void refusesAQueryOverTheLimit() {
    String query = padded(TraceQL.MAX_QUERY_BYTES + 1);

    TraceQLParseException e =
        catchThrowableOfType(TraceQLParseException.class, () -> TraceQL.parse(query));

    assertThat(e)
        .hasMessage(
            "invalid TraceQL query: query is 131073 bytes, larger than the limit of 131072 bytes");
    assertThat(e.line()).isZero();
    assertThat(e.column()).isZero();
  }

  /** A valid query of exactly {@code bytes} UTF-8 bytes. */
  private static String padded(int bytes) {
    String prefix = "{ .a = \"";
    String suffix = "\" }";
    return prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
  }
}
