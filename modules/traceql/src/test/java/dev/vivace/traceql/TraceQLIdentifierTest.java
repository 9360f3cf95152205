package dev.vivace.traceql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceQLIdentifierTest {

  static Stream<Arguments> identifiers() {
    return Stream.of(
        arguments(
            "resource.service.name", new Attribute(AttributeScope.RESOURCE, false, "service.name")),
        arguments(
            "span.http.status_code", new Attribute(AttributeScope.SPAN, false, "http.status_code")),
        arguments(".service.name", new Attribute(AttributeScope.NONE, false, "service.name")),
        arguments("span.\"a b\"", new Attribute(AttributeScope.SPAN, false, "a b")),
        arguments("span.attr/slash", new Attribute(AttributeScope.SPAN, false, "attr/slash")),
        arguments(
            "event.exception.type", new Attribute(AttributeScope.EVENT, false, "exception.type")),
        arguments("link.peer", new Attribute(AttributeScope.LINK, false, "peer")),
        arguments(
            "instrumentation.lib", new Attribute(AttributeScope.INSTRUMENTATION, false, "lib")),
        arguments("parent.span.x", new Attribute(AttributeScope.SPAN, true, "x")),
        arguments("name", Intrinsic.NAME),
        arguments("span:name", Intrinsic.NAME),
        arguments("status", Intrinsic.STATUS),
        arguments("span:status", Intrinsic.STATUS),
        arguments("kind", Intrinsic.KIND),
        arguments("duration", Intrinsic.DURATION),
        arguments("traceDuration", Intrinsic.TRACE_DURATION),
        arguments("event:name", Intrinsic.EVENT_NAME),
        arguments("instrumentation:name", Intrinsic.INSTRUMENTATION_NAME),
        arguments("  rootServiceName ", Intrinsic.ROOT_SERVICE_NAME));
  }

  @ParameterizedTest
  @MethodSource("identifiers")
  void parsesAttributesAndIntrinsics(String identifier, FieldExpression expected) {
    assertThat(TraceQL.parseIdentifier(identifier)).isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments(
            "service.name",
            "parse error at line 1, col 1: unknown attribute scope \"service\" (expected: resource,"
                + " span, event, link, instrumentation, parent or a leading dot)"),
        arguments(
            "",
            "parse error at line 1, col 1: unexpected end of query, expected an attribute or"
                + " intrinsic"),
        arguments(
            "foo",
            "parse error at line 1, col 1: unexpected \"foo\", expected an attribute or intrinsic"),
        arguments(
            "true",
            "parse error at line 1, col 1: unexpected \"true\", expected an attribute or"
                + " intrinsic"),
        arguments(
            "span.a b",
            "parse error at line 1, col 8: unexpected \"b\", expected end of identifier"),
        arguments(
            "{ .a }",
            "parse error at line 1, col 1: unexpected \"{\", expected an attribute or intrinsic"),
        arguments(
            ".a = 1", "parse error at line 1, col 4: unexpected \"=\", expected end of identifier"),
        arguments("span:foo", "parse error at line 1, col 1: unknown intrinsic \"span:foo\""));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void refusesAnythingElseWithTheIdentifierInTheMessage(String identifier, String detail) {
    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class, () -> TraceQL.parseIdentifier(identifier));
    assertThat(e).hasMessage("failed to parse identifier " + identifier + ": " + detail);
    assertThat(e.getCause()).isInstanceOf(TraceQLParseException.class);
  }

  @Test
  void refusesAnIdentifierLargerThanAQuery() {
    String huge = "." + "a".repeat(TraceQL.MAX_QUERY_BYTES);
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class, () -> TraceQL.parseIdentifier(huge)))
        .hasMessageEndingWith(
            ": query is "
                + (TraceQL.MAX_QUERY_BYTES + 1)
                + " bytes, larger than the limit of "
                + TraceQL.MAX_QUERY_BYTES
                + " bytes");
  }
}
