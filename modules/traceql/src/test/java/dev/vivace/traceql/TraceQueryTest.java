package dev.vivace.traceql;

import static dev.vivace.traceql.SampleTrace.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Selectors, span-set operators and structural operators over {@link SampleTrace}. */
class TraceQueryTest {

  /** Query, then the span sets it yields, each as {@link SampleTrace#describe}. */
  static Stream<Arguments> operators() {
    return Stream.of(
        // Selectors; an event attribute matches when one event has it.
        arguments("{ resource.service.name = \"db\" }", List.of("db1 db2 sel")),
        arguments("{ name = \"nothing\" }", List.of()),
        arguments("{ event.exception.type = \"IOError\" }", List.of("cart")),
        arguments("{ event:name = \"log\" && event.level = \"info\" }", List.of("cart")),
        arguments("{ event.level = \"info\" && event.exception.type = \"IOError\" }", List.of()),
        arguments("{ parent.resource.service.name = \"api\" }", List.of("cache db1 sel")),
        // && needs both sides; || is the union.
        arguments(
            "{ resource.service.name = \"cache\" } && { status = error }",
            List.of("auth cache orphan")),
        arguments("{ resource.service.name = \"cache\" } && { name = \"nothing\" }", List.of()),
        arguments("{ name = \"nothing\" } && { resource.service.name = \"cache\" }", List.of()),
        arguments(
            "{ resource.service.name = \"cache\" } || { name = \"nothing\" }", List.of("cache")),
        arguments("{ name = \"pay\" } || { name = \"auth\" }", List.of("auth pay")),
        arguments(
            "{ name = \"pay\" } || { resource.service.name = \"api\" }", List.of("auth cart pay")),
        arguments("{ name = \"nothing\" } || { name = \"nada\" }", List.of()),
        // Child and parent.
        arguments("{ name = \"cart\" } > { }", List.of("cache sel")),
        arguments(
            "{ resource.service.name = \"api\" } > { resource.service.name = \"db\" }",
            List.of("db1 sel")),
        arguments("{ resource.service.name = \"db\" } < { }", List.of("auth cart db1")),
        arguments("{ } > { name = \"job\" }", List.of()),
        arguments("{ name = \"job\" } < { }", List.of()),
        // Descendant and ancestor.
        arguments(
            "{ name = \"GET /\" } >> { resource.service.name = \"db\" }", List.of("db1 db2 sel")),
        arguments("{ name = \"auth\" } >> { }", List.of("db1 db2")),
        arguments("{ name = \"fetch\" } << { }", List.of("auth db1 root")),
        arguments("{ name = \"fetch\" } << { resource.service.name = \"api\" }", List.of("auth")),
        arguments("{ name = \"job\" } >> { }", List.of()),
        // Siblings: the same parent, never the span itself; roots have no siblings.
        arguments("{ name = \"auth\" } ~ { }", List.of("cart pay")),
        arguments("{ name = \"select\" } ~ { }", List.of("cache")),
        arguments(
            "{ resource.service.name = \"api\" } ~ { resource.service.name = \"api\" }",
            List.of("auth cart pay")),
        arguments("{ name = \"job\" } ~ { }", List.of()),
        arguments("{ name = \"GET /\" } ~ { }", List.of()),
        // Negated: right spans in that relation to no left span.
        arguments(
            "{ resource.service.name = \"api\" } !> { resource.service.name = \"db\" }",
            List.of("db2")),
        arguments(
            "{ resource.service.name = \"db\" } !< { }",
            List.of("cache db2 late orphan pay root sel")),
        arguments("{ name = \"auth\" } !>> { resource.service.name = \"db\" }", List.of("sel")),
        arguments("{ name = \"fetch\" } !<< { status = unset }", List.of("db2 pay sel")),
        arguments("{ name = \"auth\" } !~ { resource.service.name = \"api\" }", List.of("auth")),
        arguments("{ name = \"nothing\" } !> { name = \"pay\" }", List.of("pay")),
        arguments("{ } !> { name = \"select\" }", List.of()),
        // Union: the right spans with a partner and the left spans with one.
        arguments("{ name = \"cart\" } &> { status = error }", List.of("cache cart")),
        arguments(
            "{ resource.service.name = \"db\" } &< { resource.service.name = \"api\" }",
            List.of("auth cart db1 sel")),
        arguments("{ name = \"auth\" } &>> { name = \"fetch\" }", List.of("auth db2")),
        arguments(
            "{ name = \"fetch\" } &<< { resource.service.name = \"api\" }", List.of("auth db2")),
        arguments("{ name = \"get\" } &~ { resource.service.name = \"db\" }", List.of("cache sel")),
        arguments("{ name = \"nothing\" } &> { }", List.of()),
        arguments("{ name = \"pay\" } &>> { }", List.of()),
        // Operators compose; parentheses and pipelines as operands.
        arguments(
            "({ name = \"GET /\" } > { resource.service.name = \"api\" }) > { status = error }",
            List.of("cache")),
        arguments("{ name = \"GET /\" } > ({ } | { status != unset })", List.of("auth cart")),
        arguments(
            "({ name = \"auth\" } >> { }) || ({ name = \"cart\" } > { status = error })",
            List.of("cache db1 db2")),
        arguments("{ status = error } && { name = \"pay\" } > { }", List.of()));
  }

  @ParameterizedTest
  @MethodSource("operators")
  void evaluates(String query, List<String> expected) {
    assertThat(run(query)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void spansKeepTheOrderTheTraceGaveThem() {
    List<Spanset> sets =
        TraceQuery.compile(TraceQL.parse("{ resource.service.name = \"api\" } ~ { }"))
            .evaluate(SampleTrace.SPANS);

    assertThat(sets).hasSize(1);
    assertThat(sets.get(0).spans()).map(Object::toString).containsExactly("auth", "pay", "cart");
    assertThat(sets.get(0).attributes()).isEmpty();
  }

  @Test
  void spansAppearOnceInASet() {
    List<Spanset> sets =
        TraceQuery.compile(TraceQL.parse("{ name = \"auth\" } &>> { } || { status = error }"))
            .evaluate(SampleTrace.SPANS);

    assertThat(sets).hasSize(1);
    assertThat(sets.get(0).spans())
        .map(Object::toString)
        .containsExactly("cache", "auth", "orphan", "db2", "db1");
  }

  @Test
  void refusesWhatItCannotEvaluate() {
    RootExpr query = TraceQL.parse("{ } >> { .a =~ .b }");

    UnsupportedTraceQLException e =
        catchThrowableOfType(UnsupportedTraceQLException.class, () -> TraceQuery.compile(query));

    assertThat(e)
        .hasMessage(
            "unsupported TraceQL construct: =~ with a right operand that is not a string literal");
  }

  @Test
  void rejectsAnInvalidRegexAnywhere() {
    RootExpr query = TraceQL.parse("{ } | by(name) | { name =~ \"(\" }");

    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> TraceQuery.compile(query));

    assertThat(e).hasMessage("invalid TraceQL query: invalid regular expression: Unclosed group");
  }

  @Test
  void anEmptyTraceMatchesNothing() {
    assertThat(run("{ }", List.of())).isEmpty();
    assertThat(run("{ } !> { }", List.of())).isEmpty();
    assertThat(run("{ } | count() >= 0", List.of())).isEmpty();
  }

  @Test
  void parentIdCyclesEndEveryWalk() {
    TestTrace t = new TestTrace();
    t.withParentId("x", "0000000000000002").name("x");
    t.withParentId("y", "0000000000000001").name("y");

    assertThat(run("{ name = \"x\" } >> { }", t.spans())).containsExactly("x y");
    assertThat(run("{ name = \"x\" } << { }", t.spans())).containsExactly("x y");
    assertThat(run("{ name = \"x\" } !<< { }", t.spans())).isEmpty();
  }

  @Test
  void aSpanThatNamesItselfAsParentIsARoot() {
    TestTrace t = new TestTrace();
    t.withParentId("self", "0000000000000001").name("self");
    t.child("kid", "self").name("kid");

    assertThat(run("{ } > { }", t.spans())).containsExactly("kid");
    assertThat(run("{ } < { }", t.spans())).containsExactly("self");
  }

  @Test
  void anEmptyParentIdMakesARoot() {
    TestTrace t = new TestTrace();
    t.root("a").name("a");
    t.withParentId("b", "").name("b");
    t.child("c", "a").name("c");

    assertThat(run("{ } > { }", t.spans())).containsExactly("c");
    assertThat(run("{ name = \"b\" } ~ { }", t.spans())).isEmpty();
    assertThat(run("{ } !> { }", t.spans())).containsExactly("a b");
  }

  @Test
  void deepTracesWalkWithoutRecursion() {
    TestTrace t = new TestTrace();
    int depth = 50_000;
    t.root("s0").name("top");
    for (int i = 1; i < depth; i++) {
      t.child("s" + i, "s" + (i - 1)).name(i == depth - 1 ? "leaf" : "mid");
    }
    TraceQuery ancestors = TraceQuery.compile(TraceQL.parse("{ name = \"leaf\" } << { }"));
    TraceQuery descendants = TraceQuery.compile(TraceQL.parse("{ } >> { name = \"leaf\" }"));
    TraceQuery union = TraceQuery.compile(TraceQL.parse("{ name = \"top\" } &>> { }"));
    TraceQuery notUnder = TraceQuery.compile(TraceQL.parse("{ name = \"mid\" } !>> { }"));

    assertThat(ancestors.evaluate(t.spans()).get(0).spans()).hasSize(depth - 1);
    assertThat(descendants.evaluate(t.spans()).get(0).spans()).hasSize(1);
    assertThat(union.evaluate(t.spans()).get(0).spans()).hasSize(depth);
    assertThat(notUnder.evaluate(t.spans()).get(0).spans())
        .map(Object::toString)
        .containsExactly("s0", "s1");
  }

  @Test
  void comparisonsListEveryFieldLiteralComparisonWhateverTheOperatorsBetweenThem() {
    TraceQuery query =
        TraceQuery.compile(
            TraceQL.parse(
                "{ (.a = \"x\" && span.b > 3) || 2 < span.c || .d != nil || .e = .f }"
                    + " >> { !(.g = 1) && name =~ \"op.*\" } | count() > 2"));
    assertThat(
            query.comparisons().stream().map(c -> c.left() + " " + c.operator() + " " + c.right()))
        .containsExactly(
            TraceQL.parseIdentifier(".a")
                + " "
                + FieldOperator.EQUAL
                + " "
                + new Static.StringValue("x"),
            TraceQL.parseIdentifier("span.b")
                + " "
                + FieldOperator.GREATER
                + " "
                + new Static.IntValue(3),
            TraceQL.parseIdentifier("span.c")
                + " "
                + FieldOperator.GREATER
                + " "
                + new Static.IntValue(2),
            Intrinsic.NAME + " " + FieldOperator.REGEX + " " + new Static.StringValue("op.*"));
    assertThat(TraceQuery.compile(TraceQL.parse("{ }")).comparisons()).isEmpty();
  }
}
