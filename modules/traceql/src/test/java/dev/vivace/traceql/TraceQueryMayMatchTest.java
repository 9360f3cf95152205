package dev.vivace.traceql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Chunk pruning with {@link TraceQuery#mayMatch(ValueSummary)}. */
class TraceQueryMayMatchTest {

  static final Attribute SERVICE = new Attribute(AttributeScope.RESOURCE, false, "service.name");

  /**
   * A chunk whose spans have the services "api" and "db" only; it knows nothing of other fields or
   * operators, and records what it was asked.
   */
  static final class ServiceSummary implements ValueSummary {
    final List<String> asked = new ArrayList<>();

    @Override
    public boolean mayMatch(FieldExpression field, FieldOperator operator, Static literal) {
      asked.add(field + " " + operator.symbol() + " " + literal);
      if (field.equals(SERVICE) && operator == FieldOperator.EQUAL) {
        return literal instanceof Static.StringValue s && Set.of("api", "db").contains(s.value());
      }
      return true;
    }
  }

  static final String WEB = "{ resource.service.name = \"web\" }";

  /** Query, then whether the chunk may hold a match. */
  static Stream<Arguments> queries() {
    return Stream.of(
        arguments("{ }", true),
        arguments("{ false }", false),
        arguments("{ resource.service.name = \"api\" }", true),
        arguments(WEB, false),
        arguments("{ \"web\" = resource.service.name }", false),
        arguments("{ resource.service.name != \"web\" }", true),
        arguments("{ resource.service.name = \"web\" || resource.service.name = \"api\" }", true),
        arguments("{ resource.service.name = \"web\" || resource.service.name = \"x\" }", false),
        arguments("{ resource.service.name = \"web\" || name = \"x\" }", true),
        arguments("{ resource.service.name = \"web\" && name = \"x\" }", false),
        arguments("{ name = \"x\" && (status = error && resource.service.name = \"web\") }", false),
        // Unknown: negation, arithmetic, nil, parent attributes, field against field.
        arguments("{ !(resource.service.name = \"web\") }", true),
        arguments("{ resource.service.name = nil }", true),
        arguments("{ parent.resource.service.name = \"web\" }", true),
        arguments("{ resource.service.name = resource.other }", true),
        arguments("{ span.a + 1 = 2 }", true),
        // Span-set and structural operators.
        arguments(WEB + " && { }", false),
        arguments("{ } && " + WEB, false),
        arguments(WEB + " || { }", true),
        arguments(WEB + " || " + WEB, false),
        arguments(WEB + " > { }", false),
        arguments("{ } >> " + WEB, false),
        arguments(WEB + " &~ { }", false),
        arguments(WEB + " !> { }", true),
        arguments(WEB + " !<< { }", true),
        arguments("{ } !~ " + WEB, false),
        // Pipelines need each of their span-set stages.
        arguments(WEB + " | count() > 1", false),
        arguments("{ } | count() > 1", true),
        arguments("{ } | by(name) | " + WEB, false),
        arguments("({ } | by(name)) && (" + WEB + " | count() > 1)", false),
        arguments("{ } | by(name) | select(.a) | coalesce()", true));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void prunes(String query, boolean mayMatch) {
    TraceQuery compiled = TraceQuery.compile(TraceQL.parse(query));

    assertThat(compiled.mayMatch(new ServiceSummary())).isEqualTo(mayMatch);
  }

  @Test
  void aSummaryThatKnowsNothingPrunesOnlySelectorsThatMatchNothing() {
    assertThat(TraceQuery.compile(TraceQL.parse(WEB + " && { }")).mayMatch(ValueSummary.UNKNOWN))
        .isTrue();
    assertThat(TraceQuery.compile(TraceQL.parse("{ } >> " + WEB)).mayMatch(ValueSummary.UNKNOWN))
        .isTrue();
    assertThat(TraceQuery.compile(TraceQL.parse("{ false }")).mayMatch(ValueSummary.UNKNOWN))
        .isFalse();
  }

  @Test
  void asksTheSummaryWithTheFieldOnTheLeft() {
    ServiceSummary summary = new ServiceSummary();

    TraceQuery.compile(
            TraceQL.parse(
                "{ 5ms < duration && 2 >= span.n && \"x\" != name && name =~ \"a.*\" }"
                    + " !> { status = error }"))
        .mayMatch(summary);
    TraceQuery.compile(TraceQL.parse("{ 5ms < duration && 2 >= span.n && \"x\" != name }"))
        .mayMatch(summary);

    assertThat(summary.asked)
        .containsExactly("status = error", "duration > 5ms", "span.n <= 2", "name != \"x\"");
  }
}
