package dev.vivace.traceql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceQLTest {

  /** Query, then its canonical, fully parenthesised form. */
  static Stream<Arguments> queries() {
    return Stream.of(
        // Span selectors.
        arguments("{}", "{ true }"),
        arguments("{ true }", "{ true }"),
        arguments("{ false }", "{ false }"),
        arguments("{.foo = \"bar\"}", "{ (.foo = \"bar\") }"),
        // Grafana's generated shapes (tempo-api.md 7.1), verbatim.
        arguments(
            "{resource.service.name=\"checkout\" && name=\"GET /cart\" && status=error"
                + " && duration>5ms && duration<=2s}",
            "{ (((((resource.service.name = \"checkout\") && (name = \"GET /cart\"))"
                + " && (status = error)) && (duration > 5ms)) && (duration <= 2s)) }"),
        arguments(
            "{resource.service.name=\"checkout\"}", "{ (resource.service.name = \"checkout\") }"),
        arguments("{traceDuration>100ms}", "{ (traceDuration > 100ms) }"),
        arguments("{span.http.status_code=500}", "{ (span.http.status_code = 500) }"),
        arguments(
            "{resource.k8s.namespace.name!=\"dev\"}",
            "{ (resource.k8s.namespace.name != \"dev\") }"),
        arguments("{event.exception.type=\"X\"}", "{ (event.exception.type = \"X\") }"),
        arguments("{link.span.kind=\"x\"}", "{ (link.span.kind = \"x\") }"),
        arguments("{instrumentation.lib=\"otel\"}", "{ (instrumentation.lib = \"otel\") }"),
        arguments(
            "{(resource.service.name=\"a\" || resource.service.name=\"b\") && status=error}",
            "{ (((resource.service.name = \"a\") || (resource.service.name = \"b\"))"
                + " && (status = error)) }"),
        arguments("{resource.service.name=~\"a|b\"}", "{ (resource.service.name =~ \"a|b\") }"),
        arguments(
            "{resource.service.name=~\"a\\\\.b|c\\\\|d\"}",
            "{ (resource.service.name =~ \"a\\\\.b|c\\\\|d\") }"),
        arguments("{resource.service.name!~\"a|b\"}", "{ (resource.service.name !~ \"a|b\") }"),
        arguments("{.key = \"value\"}", "{ (.key = \"value\") }"),
        // && and || are one level, left-associative, as in Tempo's grammar.
        arguments("{ .a = 1 || .b = 2 && .c = 3 }", "{ (((.a = 1) || (.b = 2)) && (.c = 3)) }"),
        arguments("{ .a = 1 && .b = 2 || .c = 3 }", "{ (((.a = 1) && (.b = 2)) || (.c = 3)) }"),
        arguments("{ .a = 1 || (.b = 2 && .c = 3) }", "{ ((.a = 1) || ((.b = 2) && (.c = 3))) }"),
        arguments("{ !(.a = 1) }", "{ (!(.a = 1)) }"),
        arguments("{ !.flag }", "{ (!.flag) }"),
        arguments("{ !true && .a }", "{ ((!true) && .a) }"),
        // Scopes and names.
        arguments("{ span.\"my attr\" = 1 }", "{ (span.\"my attr\" = 1) }"),
        arguments("{ .\"a b\" = 1 }", "{ (.\"a b\" = 1) }"),
        arguments("{ resource.\"x\\\"y\" = 1 }", "{ (resource.\"x\\\"y\" = 1) }"),
        arguments("{ span.http.user-agent = \"x\" }", "{ (span.http.user-agent = \"x\") }"),
        arguments("{ parent.foo = 1 }", "{ (parent.foo = 1) }"),
        arguments("{ parent.span.foo = 1 }", "{ (parent.span.foo = 1) }"),
        arguments(
            "{ parent.resource.service.name = \"a\" }",
            "{ (parent.resource.service.name = \"a\") }"),
        // Intrinsics, scoped spellings print canonically.
        arguments("{ span:duration > 1s }", "{ (duration > 1s) }"),
        arguments("{ span:name = \"x\" }", "{ (name = \"x\") }"),
        arguments("{ span:status = ok }", "{ (status = ok) }"),
        arguments("{ span:statusMessage = \"m\" }", "{ (statusMessage = \"m\") }"),
        arguments("{ span:kind = server }", "{ (kind = server) }"),
        arguments("{ span:id = \"ab\" }", "{ (span:id = \"ab\") }"),
        arguments("{ span:parentID = \"ab\" }", "{ (span:parentID = \"ab\") }"),
        arguments("{ trace:id = \"ab\" }", "{ (trace:id = \"ab\") }"),
        arguments("{ trace:duration > 1m }", "{ (traceDuration > 1m) }"),
        arguments("{ trace:rootName = \"r\" }", "{ (rootName = \"r\") }"),
        arguments("{ trace:rootService = \"s\" }", "{ (rootServiceName = \"s\") }"),
        arguments(
            "{ rootName = \"r\" && rootServiceName = \"s\" }",
            "{ ((rootName = \"r\") && (rootServiceName = \"s\")) }"),
        arguments("{ event:name = \"e\" }", "{ (event:name = \"e\") }"),
        arguments(
            "{ instrumentation:name = \"i\" && instrumentation:version = \"1\" }",
            "{ ((instrumentation:name = \"i\") && (instrumentation:version = \"1\")) }"),
        arguments(
            "{ kind = unspecified || kind = internal || kind = client }",
            "{ (((kind = unspecified) || (kind = internal)) || (kind = client)) }"),
        arguments(
            "{ kind = producer || kind = consumer }",
            "{ ((kind = producer) || (kind = consumer)) }"),
        arguments("{ status = unset }", "{ (status = unset) }"),
        arguments("{ childCount > 2 }", "{ (childCount > 2) }"),
        arguments("{ parent = nil }", "{ (parent = nil) }"),
        arguments("{ nestedSetParent = -1 }", "{ (nestedSetParent = (-1)) }"),
        // Operators and literals.
        arguments(
            "{ .a != 1 && .b > 2 && .c >= 3 && .d < 4 && .e <= 5 }",
            "{ (((((.a != 1) && (.b > 2)) && (.c >= 3)) && (.d < 4)) && (.e <= 5)) }"),
        arguments("{ name =~ `GET .*` }", "{ (name =~ \"GET .*\") }"),
        arguments("{ .s = \"tab\\there\" }", "{ (.s = \"tab\\there\") }"),
        arguments("{ .f = 1.5 }", "{ (.f = 1.5) }"),
        arguments("{ .b = true }", "{ (.b = true) }"),
        arguments("{ .x = nil }", "{ (.x = nil) }"),
        arguments("{ .x != nil }", "{ (.x != nil) }"),
        arguments("{ duration > 1m30s }", "{ (duration > 90s) }"),
        arguments("{ duration > 1.5s }", "{ (duration > 1500ms) }"),
        arguments(
            "{ duration < 10ns || duration < 10us || duration < 10µs }",
            "{ (((duration < 10ns) || (duration < 10us)) || (duration < 10us)) }"),
        arguments("{ duration > 2h }", "{ (duration > 2h) }"),
        // Arithmetic.
        arguments("{ .a + .b * .c = 7 }", "{ ((.a + (.b * .c)) = 7) }"),
        arguments("{ (.a + .b) * .c = 7 }", "{ (((.a + .b) * .c) = 7) }"),
        arguments("{ .a - .b - .c = 0 }", "{ (((.a - .b) - .c) = 0) }"),
        arguments("{ .a ^ .b ^ .c = 1 }", "{ ((.a ^ (.b ^ .c)) = 1) }"),
        arguments("{ .a / 2 % 3 = 1 }", "{ (((.a / 2) % 3) = 1) }"),
        arguments("{ -.a * 2 = 1 }", "{ ((-(.a * 2)) = 1) }"),
        arguments("{ -.a + 2 = 1 }", "{ (((-.a) + 2) = 1) }"),
        // Span-set and structural operators.
        arguments("{ .a = 1 } && { .b = 2 }", "({ (.a = 1) } && { (.b = 2) })"),
        arguments("{ .a = 1 } || { .b = 2 }", "({ (.a = 1) } || { (.b = 2) })"),
        arguments("{} >> {}", "({ true } >> { true })"),
        arguments("{} > {}", "({ true } > { true })"),
        arguments("{} << {}", "({ true } << { true })"),
        arguments("{} < {}", "({ true } < { true })"),
        arguments("{} ~ {}", "({ true } ~ { true })"),
        arguments("{} !>> {} !> {}", "(({ true } !>> { true }) !> { true })"),
        arguments("{} !<< {} !< {} !~ {}", "((({ true } !<< { true }) !< { true }) !~ { true })"),
        arguments("{} &>> {} &> {}", "(({ true } &>> { true }) &> { true })"),
        arguments("{} &<< {} &< {} &~ {}", "((({ true } &<< { true }) &< { true }) &~ { true })"),
        arguments("{ .a } && { .b } > { .c }", "({ .a } && ({ .b } > { .c }))"),
        arguments("{ .a } > { .b } || { .c }", "(({ .a } > { .b }) || { .c })"),
        arguments("({ .a } && { .b }) > { .c }", "(({ .a } && { .b }) > { .c })"),
        // Pipelines.
        arguments("{} | count() > 2", "({ true } | count() > 2)"),
        arguments("{} | avg(duration) > 1s", "({ true } | avg(duration) > 1s)"),
        arguments("{} | min(span.x) <= 3", "({ true } | min(span.x) <= 3)"),
        arguments("{} | max(duration) >= 1ms", "({ true } | max(duration) >= 1ms)"),
        arguments("{} | sum(.bytes) = 10", "({ true } | sum(.bytes) = 10)"),
        arguments("{} | count() + 1 > 2 * 3", "({ true } | (count() + 1) > (2 * 3))"),
        arguments("{} | count() > -1", "({ true } | count() > -1)"),
        arguments("{} | select(span.a, resource.b)", "({ true } | select(span.a, resource.b))"),
        arguments("{} | by(resource.service.name)", "({ true } | by(resource.service.name))"),
        arguments(
            "{} | by(.a) | count() > 1 | coalesce()",
            "({ true } | by(.a) | count() > 1 | coalesce())"),
        arguments("{ .a } | { .b }", "({ .a } | { .b })"),
        arguments("{ .a } | { .b } && { .c }", "({ .a } | ({ .b } && { .c }))"),
        arguments("{ .a } && { .b } | count() > 1", "(({ .a } && { .b }) | count() > 1)"),
        arguments("({ .a } | count() > 1) && { .b }", "(({ .a } | count() > 1) && { .b })"),
        // Hints.
        arguments("{} with(most_recent=true)", "{ true } with(most_recent=true)"),
        arguments(
            "{} | count() > 1 with (most_recent = true, sample = 0.5)",
            "({ true } | count() > 1) with(most_recent=true, sample=0.5)"),
        // Layout does not matter.
        arguments("{\n  .a = 1\n  && .b = 2\n}", "{ ((.a = 1) && (.b = 2)) }"));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void parsesToCanonicalForm(String query, String canonical) {
    assertThat(TraceQL.parse(query)).hasToString(canonical);
    // The canonical form is itself valid and stable.
    assertThat(TraceQL.parse(canonical)).hasToString(canonical);
  }
}
