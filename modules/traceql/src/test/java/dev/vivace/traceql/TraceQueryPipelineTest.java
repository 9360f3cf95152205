package dev.vivace.traceql;

import static dev.vivace.traceql.SampleTrace.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pipelines, aggregates, by, select, coalesce and hints over {@link SampleTrace}. */
class TraceQueryPipelineTest {

  static final String API = "{ resource.service.name = \"api\" }";

  /** Query, then the span sets it yields, each as {@link SampleTrace#describe}. */
  static Stream<Arguments> pipelines() {
    return Stream.of(
        // count()
        arguments(API + " | count() > 2", List.of("auth cart pay ; count()=3")),
        arguments(API + " | count() = 3", List.of("auth cart pay ; count()=3")),
        arguments(API + " | count() > 3", List.of()),
        arguments(API + " | count() != 3", List.of()),
        arguments(
            "{ } | count() + 1 > 10",
            List.of("auth cache cart db1 db2 late orphan pay root sel ; count()=10")),
        // avg, min, max, sum over durations give durations.
        arguments(API + " | avg(duration) > 20ms", List.of("auth cart pay ; avg(duration)=30ms")),
        arguments(API + " | avg(duration) < 20ms", List.of()),
        arguments(API + " | min(duration) = 10ms", List.of("auth cart pay ; min(duration)=10ms")),
        arguments(API + " | max(duration) >= 50ms", List.of("auth cart pay ; max(duration)=50ms")),
        arguments(API + " | max(duration) > 50ms", List.of()),
        arguments(API + " | sum(duration) = 90ms", List.of("auth cart pay ; sum(duration)=90ms")),
        arguments(API + " | sum(duration) <= 0.09", List.of()),
        arguments(
            API + " | avg(duration) = 30000000", List.of("auth cart pay ; avg(duration)=30ms")),
        // Over integers: sum is an integer, avg a float; spans without the field are skipped.
        arguments(
            "{ } | sum(span.http.status_code) = 700",
            List.of(
                "auth cache cart db1 db2 late orphan pay root sel ;"
                    + " sum(span.http.status_code)=700")),
        arguments(
            "{ } | avg(span.http.status_code) = 350",
            List.of(
                "auth cache cart db1 db2 late orphan pay root sel ;"
                    + " avg(span.http.status_code)=350.0")),
        arguments(
            "{ } | min(span.http.status_code) < 300",
            List.of(
                "auth cache cart db1 db2 late orphan pay root sel ;"
                    + " min(span.http.status_code)=200")),
        arguments("{ } | avg(span.missing) > 0", List.of()),
        // Two aggregates, arithmetic, and successive filters.
        arguments(
            "{ } | max(duration) > 10 * min(duration)",
            List.of(
                "auth cache cart db1 db2 late orphan pay root sel ; max(duration)=100ms,"
                    + " min(duration)=1ms")),
        arguments(
            "{ status = error } | count() > 1 | max(duration) > 5ms",
            List.of("auth cache orphan ; count()=3, max(duration)=10ms")),
        arguments("{ status = error } | count() > 1 | count() < 3", List.of()),
        // by(): one set per value, in order of appearance; spans without the value share nil.
        arguments(
            "{ resource.service.name = \"db\" || resource.service.name = \"cache\" }"
                + " | by(resource.service.name)",
            List.of(
                "db1 db2 sel ; by(resource.service.name)=\"db\"",
                "cache ; by(resource.service.name)=\"cache\"")),
        arguments(
            "{ } | by(span.http.status_code)",
            List.of(
                "auth ; by(span.http.status_code)=500",
                "cart ; by(span.http.status_code)=200",
                "cache db1 db2 late orphan pay root sel ; by(span.http.status_code)=nil")),
        arguments(
            "{ } | by(resource.service.name) | count() > 2",
            List.of(
                "auth cart pay ; by(resource.service.name)=\"api\", count()=3",
                "db1 db2 sel ; by(resource.service.name)=\"db\", count()=3")),
        arguments(
            "{ } | by(resource.service.name) | avg(duration) > 8ms",
            List.of(
                "root ; by(resource.service.name)=\"frontend\", avg(duration)=100ms",
                "auth cart pay ; by(resource.service.name)=\"api\", avg(duration)=30ms",
                "db1 db2 sel ; by(resource.service.name)=\"db\", avg(duration)=8666667ns")),
        arguments(
            "{ } | by(event.level)",
            List.of(
                "cart ; by(event.level)=\"info\"",
                "auth cache db1 db2 late orphan pay root sel ; by(event.level)=nil")),
        arguments(
            "{ } | by(duration > 20ms)",
            List.of(
                "cart pay root ; by((duration > 20ms))=true",
                "auth cache db1 db2 late orphan sel ; by((duration > 20ms))=false")),
        // A selector after by() filters each set and keeps its attributes.
        arguments(
            "{ } | by(resource.service.name) | { status = error }",
            List.of(
                "auth ; by(resource.service.name)=\"api\"",
                "cache ; by(resource.service.name)=\"cache\"",
                "orphan ; by(resource.service.name)=\"worker\"")),
        arguments(API + " | { status = error }", List.of("auth")),
        arguments(API + " | { name = \"nothing\" } | count() >= 0", List.of()),
        // coalesce() merges the sets of the trace into one without attributes.
        arguments(
            "{ } | by(resource.service.name) | coalesce()",
            List.of("auth cache cart db1 db2 late orphan pay root sel")),
        arguments(
            "{ status = error } | by(resource.service.name) | coalesce() | count() = 3",
            List.of("auth cache orphan ; count()=3")),
        arguments("{ status = error } | by(resource.service.name) | count() = 3", List.of()),
        // select() keeps the sets.
        arguments(API + " | select(span.http.status_code, name)", List.of("auth cart pay")),
        // An operation between pipelines keeps the attributes of the set fed to it.
        arguments(
            "({ resource.service.name = \"db\" } | count() > 2) && { name = \"pay\" }",
            List.of("db1 db2 pay sel")),
        arguments(
            "({ resource.service.name = \"db\" } | count() > 3) && { name = \"pay\" }", List.of()),
        arguments("({ } | by(resource.service.name)) > { status = error }", List.of("auth cache")),
        // Each set is evaluated on its own spans only.
        arguments(
            "{ } | by(resource.service.name) | { } ~ { }",
            List.of("auth cart pay ; by(resource.service.name)=\"api\"")),
        arguments("{ } | by(resource.service.name) | { name = \"cart\" } > { }", List.of()),
        // Hints do not change the result.
        arguments("{ name = \"pay\" } with(most_recent=true)", List.of("pay")),
        arguments("{ name = \"pay\" } with(sample=0.5, foo=\"x\")", List.of("pay")));
  }

  @ParameterizedTest
  @MethodSource("pipelines")
  void evaluates(String query, List<String> expected) {
    assertThat(run(query)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void byKeepsTheOrderOfFirstAppearance() {
    assertThat(run("{ } | by(resource.service.name)"))
        .containsExactly(
            "cache ; by(resource.service.name)=\"cache\"",
            "auth cart pay ; by(resource.service.name)=\"api\"",
            "root ; by(resource.service.name)=\"frontend\"",
            "late orphan ; by(resource.service.name)=\"worker\"",
            "db1 db2 sel ; by(resource.service.name)=\"db\"");
  }

  @Test
  void aggregatesKeepTheirKinds() {
    Spanset set =
        TraceQuery.compile(
                TraceQL.parse(
                    API + " | count() > 0 | avg(duration) > 0 | sum(span.http.status_code) > 0"))
            .evaluate(SampleTrace.SPANS)
            .get(0);

    assertThat(set.attributes())
        .containsExactly(
            new Spanset.NamedValue("count()", new Static.IntValue(3)),
            new Spanset.NamedValue("avg(duration)", new Static.DurationValue(30_000_000L)),
            new Spanset.NamedValue("sum(span.http.status_code)", new Static.IntValue(700)));
  }

  @Test
  void aLaterAggregateOfTheSameNameReplacesTheEarlier() {
    assertThat(run("{ } | count() > 5 | { status = error } | count() > 1"))
        .containsExactly("auth cache orphan ; count()=3");
  }

  /** Query, then its result fields as printed. */
  static Stream<Arguments> resultFields() {
    return Stream.of(
        arguments("{ }", List.of()),
        arguments("{ status = error && duration > 1s }", List.of("status", "duration")),
        arguments(
            "{ .a = 1 && span.b > 2 } >> { name = \"x\" || .a = 2 } | select(span.c, .a, duration)",
            List.of(".a", "span.b", "name", "span.c", "duration")),
        arguments(
            "{ status = error } | by(resource.service.name) | select(resource.service.name)",
            List.of("status", "resource.service.name")),
        arguments("({ .a = 1 } | count() > 1) !~ { !(.b = nil) }", List.of(".a", ".b")),
        arguments(
            "{ } | select(span:id, trace:rootService)", List.of("span:id", "rootServiceName")));
  }

  @ParameterizedTest
  @MethodSource("resultFields")
  void listsResultFields(String query, List<String> fields) {
    assertThat(TraceQuery.compile(TraceQL.parse(query)).resultFields())
        .map(Object::toString)
        .containsExactlyElementsOf(fields);
  }

  @Test
  void readsMostRecent() {
    assertThat(TraceQuery.compile(TraceQL.parse("{ } with(most_recent=true)")).mostRecent())
        .isTrue();
    assertThat(TraceQuery.compile(TraceQL.parse("{ } with(most_recent=false)")).mostRecent())
        .isFalse();
    assertThat(TraceQuery.compile(TraceQL.parse("{ } | count() > 1")).mostRecent()).isFalse();
  }
}
