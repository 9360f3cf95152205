package dev.vivace.traceql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpanFilterTest {

  /** A span held in maps, one per attribute scope. */
  record MapSpan(
      Map<AttributeScope, Map<String, Static>> attributes,
      Map<Intrinsic, Static> intrinsics,
      @Nullable MapSpan parent)
      implements SpanView {

    @Override
    public @Nullable Static attribute(AttributeScope scope, String name) {
      assertThat(scope).isNotEqualTo(AttributeScope.NONE);
      return attributes.getOrDefault(scope, Map.of()).get(name);
    }

    @Override
    public @Nullable Static intrinsic(Intrinsic intrinsic) {
      return intrinsics.get(intrinsic);
    }
  }

  /** A root span: a client span of service "gateway". */
  static final MapSpan ROOT =
      new MapSpan(
          Map.of(
              AttributeScope.SPAN, Map.of("foo", new Static.IntValue(1)),
              AttributeScope.RESOURCE, Map.of("service.name", str("gateway"))),
          Map.of(
              Intrinsic.NAME, str("parent op"),
              Intrinsic.STATUS, new Static.StatusValue(Static.StatusCode.OK),
              Intrinsic.KIND, new Static.KindValue(Static.SpanKind.CLIENT),
              Intrinsic.DURATION, new Static.DurationValue(2_000_000_000L),
              Intrinsic.TRACE_DURATION, new Static.DurationValue(2_000_000_000L)),
          null);

  /** A child of {@link #ROOT}: a failed 1.5 ms server span of service "checkout". */
  static final MapSpan CHILD =
      new MapSpan(
          Map.of(
              AttributeScope.SPAN,
              Map.of(
                  "http.method",
                  str("GET"),
                  "http.status_code",
                  new Static.IntValue(500),
                  "ratio",
                  new Static.FloatValue(0.5),
                  "flag",
                  new Static.BoolValue(true),
                  "shared",
                  str("span"),
                  "my attr",
                  str("x")),
              AttributeScope.RESOURCE,
              Map.of(
                  "service.name", str("checkout"),
                  "shared", str("resource"),
                  "only.resource", str("r")),
              AttributeScope.EVENT,
              Map.of("exception.type", str("IOError")),
              AttributeScope.LINK,
              Map.of("kind", str("follows")),
              AttributeScope.INSTRUMENTATION,
              Map.of("lib", str("otel"))),
          Map.ofEntries(
              Map.entry(Intrinsic.NAME, str("GET /")),
              Map.entry(Intrinsic.STATUS, new Static.StatusValue(Static.StatusCode.ERROR)),
              Map.entry(Intrinsic.STATUS_MESSAGE, str("boom")),
              Map.entry(Intrinsic.KIND, new Static.KindValue(Static.SpanKind.SERVER)),
              Map.entry(Intrinsic.DURATION, new Static.DurationValue(1_500_000L)),
              Map.entry(Intrinsic.TRACE_DURATION, new Static.DurationValue(2_000_000_000L)),
              Map.entry(Intrinsic.ROOT_NAME, str("root")),
              Map.entry(Intrinsic.ROOT_SERVICE_NAME, str("frontend")),
              Map.entry(Intrinsic.SPAN_ID, str("00000000000000ab")),
              Map.entry(Intrinsic.SPAN_PARENT_ID, str("00000000000000aa")),
              Map.entry(Intrinsic.PARENT, str("00000000000000aa")),
              Map.entry(Intrinsic.TRACE_ID, str("0af7651916cd43dd8448eb211c80319c")),
              Map.entry(Intrinsic.CHILD_COUNT, new Static.IntValue(2)),
              Map.entry(Intrinsic.EVENT_NAME, str("exception")),
              Map.entry(Intrinsic.EVENT_TIME_SINCE_START, new Static.DurationValue(100_000L)),
              Map.entry(Intrinsic.LINK_TRACE_ID, str("0102030405060708090a0b0c0d0e0f10")),
              Map.entry(Intrinsic.LINK_SPAN_ID, str("0102030405060708")),
              Map.entry(Intrinsic.INSTRUMENTATION_NAME, str("io.otel")),
              Map.entry(Intrinsic.INSTRUMENTATION_VERSION, str("1.2.3"))),
          ROOT);

  /** Query, then whether it matches {@link #CHILD}, then whether it matches {@link #ROOT}. */
  static Stream<Arguments> selectors() {
    return Stream.of(
        // Match all, match none.
        arguments("{}", true, true),
        arguments("{ true }", true, true),
        arguments("{ false }", false, false),
        // Name, status and kind intrinsics with their keywords.
        arguments("{ name = \"GET /\" }", true, false),
        arguments("{ name != \"GET /\" }", false, true),
        arguments("{ span:name = \"GET /\" }", true, false),
        arguments("{ name > \"A\" }", true, true),
        arguments("{ status = error }", true, false),
        arguments("{ status = ok }", false, true),
        arguments("{ span:status != unset }", true, true),
        arguments("{ status > ok }", false, false),
        arguments("{ kind = server }", true, false),
        arguments("{ kind = client }", false, true),
        arguments("{ span:kind != internal }", true, true),
        arguments("{ statusMessage = \"boom\" }", true, false),
        arguments("{ statusMessage != \"boom\" }", false, false),
        // Durations in every unit.
        arguments("{ duration > 1ms }", true, true),
        arguments("{ duration < 1ms }", false, false),
        arguments("{ duration >= 1500us }", true, true),
        arguments("{ duration <= 1500000ns }", true, false),
        arguments("{ duration = 1.5ms }", true, false),
        arguments("{ span:duration = 1500µs }", true, false),
        arguments("{ duration > 1s }", false, true),
        arguments("{ duration < 1h && duration < 1m30s }", true, true),
        arguments("{ traceDuration = 2s }", true, true),
        arguments("{ trace:duration > 1m }", false, false),
        // Trace, ID, event, link and instrumentation intrinsics.
        arguments("{ rootName = \"root\" && trace:rootService = \"frontend\" }", true, false),
        arguments("{ span:id = \"00000000000000ab\" }", true, false),
        arguments("{ span:parentID = \"00000000000000aa\" }", true, false),
        arguments("{ trace:id = \"0af7651916cd43dd8448eb211c80319c\" }", true, false),
        arguments("{ parent = nil }", false, true),
        arguments("{ parent != nil }", true, false),
        arguments("{ childCount = 2 }", true, false),
        arguments("{ event:name = \"exception\" }", true, false),
        arguments("{ event:timeSinceStart < 1ms }", true, false),
        arguments(
            "{ link:traceID = \"0102030405060708090a0b0c0d0e0f10\""
                + " && link:spanID = \"0102030405060708\" }",
            true,
            false),
        arguments(
            "{ instrumentation:name = \"io.otel\" && instrumentation:version = \"1.2.3\" }",
            true,
            false),
        // Every attribute scope.
        arguments("{ span.http.method = \"GET\" }", true, false),
        arguments("{ resource.service.name = \"checkout\" }", true, false),
        arguments("{ resource.service.name = \"gateway\" }", false, true),
        arguments("{ span.service.name = \"checkout\" }", false, false),
        arguments("{ event.exception.type = \"IOError\" }", true, false),
        arguments("{ link.kind = \"follows\" }", true, false),
        arguments("{ instrumentation.lib = \"otel\" }", true, false),
        arguments("{ span.\"my attr\" = \"x\" }", true, false),
        // Unscoped: the span attribute wins, else the resource attribute.
        arguments("{ .shared = \"span\" }", true, false),
        arguments("{ .shared = \"resource\" }", false, false),
        arguments("{ .only.resource = \"r\" }", true, false),
        arguments("{ .service.name = \"gateway\" }", false, true),
        // The parent's attributes.
        arguments("{ parent.foo = 1 }", true, false),
        arguments("{ parent.span.foo = 1 }", true, false),
        arguments("{ parent.resource.service.name = \"gateway\" }", true, false),
        // Numbers: int and float compare numerically; other kinds never compare.
        arguments("{ span.http.status_code = 500 }", true, false),
        arguments("{ span.http.status_code = 500.0 }", true, false),
        arguments("{ span.http.status_code > 499.5 }", true, false),
        arguments("{ span.http.status_code != 404 }", true, false),
        arguments("{ span.http.status_code >= 500 && span.http.status_code <= 500 }", true, false),
        arguments("{ span.http.status_code < 500 }", false, false),
        arguments("{ span.ratio < 1 }", true, false),
        arguments("{ span.ratio = 0.5 }", true, false),
        arguments("{ span.http.status_code = \"500\" }", false, false),
        arguments("{ span.http.status_code != \"500\" }", false, false),
        // Missing attributes make every comparison false; nil tests presence.
        arguments("{ span.missing = \"x\" }", false, false),
        arguments("{ span.missing != \"x\" }", false, false),
        arguments("{ span.missing > 1 }", false, false),
        arguments("{ span.missing = nil }", true, true),
        arguments("{ span.missing != nil }", false, false),
        arguments("{ span.http.method = nil }", false, true),
        arguments("{ nil != span.http.method }", true, false),
        // Booleans and logic.
        arguments("{ .flag }", true, false),
        arguments("{ .flag = true }", true, false),
        arguments("{ .flag != false }", true, false),
        arguments("{ .flag > false }", false, false),
        arguments("{ !.flag }", false, false),
        arguments("{ !(.flag = true) }", false, true),
        arguments("{ name = \"GET /\" || name = \"parent op\" }", true, true),
        arguments("{ name = \"GET /\" && status = ok }", false, false),
        arguments("{ span.missing = 1 || status = ok }", false, true),
        // Regular expressions are fully anchored.
        arguments("{ name =~ \"GET.*\" }", true, false),
        arguments("{ name =~ \"ET.*\" }", false, false),
        arguments("{ name =~ \"GET\" }", false, false),
        arguments("{ name =~ \"(?i)get /\" }", true, false),
        arguments("{ name =~ \"GET /|parent op\" }", true, true),
        arguments("{ name !~ \"GET.*\" }", false, true),
        arguments("{ span.missing !~ \"x\" }", false, false),
        arguments("{ span.http.status_code =~ \"5.*\" }", false, false),
        // Arithmetic.
        arguments("{ span.http.status_code + 1 = 501 }", true, false),
        arguments("{ span.http.status_code - 100 = 400 }", true, false),
        arguments("{ span.http.status_code * 2 = 1000 }", true, false),
        arguments("{ span.http.status_code / 1000 = 0.5 }", true, false),
        arguments("{ span.http.status_code % 7 = 3 }", true, false),
        arguments("{ 2 ^ 10 = 1024 }", true, true),
        arguments("{ -span.http.status_code < 0 }", true, false),
        arguments("{ span.ratio * 2 = 1 }", true, false),
        arguments("{ span.http.method + 1 = 1 }", false, false));
  }

  @ParameterizedTest
  @MethodSource("selectors")
  void matches(String query, boolean matchesChild, boolean matchesRoot) {
    SpanFilter filter = SpanFilter.compile(TraceQL.parse(query));

    assertThat(filter.matches(CHILD)).as("child span").isEqualTo(matchesChild);
    assertThat(filter.matches(ROOT)).as("root span").isEqualTo(matchesRoot);
  }

  /** Query, then the construct the evaluator names when refusing it. */
  static Stream<Arguments> unsupported() {
    return Stream.of(
        arguments("{ .a = 1 } && { .b = 2 }", "span-set operator &&"),
        arguments("{ .a = 1 } || { .b = 2 }", "span-set operator ||"),
        arguments("{} >> {}", "structural operator >>"),
        arguments("{} > {}", "structural operator >"),
        arguments("{} ~ {}", "structural operator ~"),
        arguments("{} !< {}", "structural operator !<"),
        arguments("{} &>> {}", "structural operator &>>"),
        arguments("{} | count() > 2", "pipeline"),
        arguments("{} | select(.a)", "pipeline"),
        arguments("{ .a =~ .b }", "=~ with a right operand that is not a string literal"),
        arguments("{ .a !~ 1 }", "!~ with a right operand that is not a string literal"));
  }

  @ParameterizedTest
  @MethodSource("unsupported")
  void refusesUnsupportedConstructs(String query, String construct) {
    RootExpr parsed = TraceQL.parse(query);

    UnsupportedTraceQLException e =
        catchThrowableOfType(UnsupportedTraceQLException.class, () -> SpanFilter.compile(parsed));

    assertThat(e).hasMessage("unsupported TraceQL construct: " + construct);
    assertThat(e.construct()).isEqualTo(construct);
  }

  @Test
  void rejectsInvalidRegex() {
    RootExpr parsed = TraceQL.parse("{ name =~ \"(\" }");

    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> SpanFilter.compile(parsed));

    assertThat(e).hasMessage("invalid TraceQL query: invalid regular expression: Unclosed group");
  }

  @Test
  void ignoresHints() {
    SpanFilter filter =
        SpanFilter.compile(TraceQL.parse("{ name = \"GET /\" } with(most_recent=true)"));

    assertThat(filter.matches(CHILD)).isTrue();
    assertThat(filter.matches(ROOT)).isFalse();
  }

  @Test
  void exposesTheFieldsItLooksAt() {
    SpanFilter filter =
        SpanFilter.compile(
            TraceQL.parse(
                "{ span.foo = \"x\" && (resource.service.name != nil || kind = server)"
                    + " && span.foo > 1 && parent.bar = 2 }"));

    assertThat(filter.fields())
        .containsExactly(
            new Attribute(AttributeScope.SPAN, false, "foo"),
            new Attribute(AttributeScope.RESOURCE, false, "service.name"),
            Intrinsic.KIND,
            new Attribute(AttributeScope.NONE, true, "bar"));
    assertThat(filter.source().condition()).isInstanceOf(BinaryOperation.class);
  }

  @Test
  void mayMatchPrunesAsTraceQueryDoes() {
    ValueSummary noApi =
        (field, op, literal) ->
            !(field.equals(new Attribute(AttributeScope.RESOURCE, false, "service.name"))
                && op == FieldOperator.EQUAL
                && literal.equals(str("api")));

    assertThat(
            SpanFilter.compile(TraceQL.parse("{ resource.service.name = \"api\" }"))
                .mayMatch(noApi))
        .isFalse();
    assertThat(
            SpanFilter.compile(TraceQL.parse("{ resource.service.name = \"api\" || name = \"x\" }"))
                .mayMatch(noApi))
        .isTrue();
    assertThat(SpanFilter.compile(TraceQL.parse("{ false }")).mayMatch(noApi)).isFalse();
  }

  private static Static.StringValue str(String value) {
    return new Static.StringValue(value);
  }
}
