package dev.vivace.query.api;

import com.linecorp.armeria.common.QueryParams;
import dev.vivace.query.TimeRange;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.BinaryOperation;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.FieldOperator;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.RootExpr;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.SpansetFilter;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of the tag routes, read as Tempo reads them: an empty value is the same as
 * none, {@code start}/{@code end} are 32-bit seconds, and {@code q} is a filter that is used only
 * when it is simple enough.
 */
final class TagParams {

  /** The {@code scope} that means Tempo's fixed intrinsic list. */
  static final String INTRINSIC = "intrinsic";

  private static final Set<FieldOperator> COMPARISONS =
      EnumSet.of(
          FieldOperator.EQUAL,
          FieldOperator.NOT_EQUAL,
          FieldOperator.LESS,
          FieldOperator.LESS_EQUAL,
          FieldOperator.GREATER,
          FieldOperator.GREATER_EQUAL,
          FieldOperator.REGEX,
          FieldOperator.NOT_REGEX);

  private static final Pattern SIGNED = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern UNSIGNED = Pattern.compile("\\+?[0-9]+");

  private TagParams() {}

  /** The value of {@code name}, or null when it is absent or empty. */
  static @Nullable String get(QueryParams params, String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * {@code scope}: null for none (or {@code none}), {@link #INTRINSIC}, or a scope's keyword.
   *
   * @throws IllegalArgumentException {@code invalid scope: X} for anything else
   */
  static @Nullable String scope(QueryParams params) {
    String scope = get(params, "scope");
    if (scope == null || scope.equals("none")) {
      return null;
    }
    if (scope.equals(INTRINSIC) || attributeScope(scope) != null) {
      return scope;
    }
    throw new IllegalArgumentException("invalid scope: " + scope);
  }

  /** The attribute scope spelled {@code keyword}, or null; never {@link AttributeScope#NONE}. */
  static @Nullable AttributeScope attributeScope(String keyword) {
    for (AttributeScope scope : AttributeScope.values()) {
      if (scope != AttributeScope.NONE && scope.keyword().equals(keyword)) {
        return scope;
      }
    }
    return null;
  }

  /**
   * {@code limit} (names per scope, or values) and {@code maxStaleValues} (stop after this many
   * values in a row were already known); 0 means no limit.
   */
  record Limits(int limit, int maxStaleValues) {}

  /** The {@code limit} and {@code maxStaleValues} of {@code params}. */
  static Limits limits(QueryParams params) {
    return new Limits(count(params, "limit"), count(params, "maxStaleValues"));
  }

  /** {@code start} and {@code end}; both absent means recent data only. */
  static TimeRange range(QueryParams params) {
    return new TimeRange(seconds(params, "start"), seconds(params, "end"));
  }

  private static long seconds(QueryParams params, String name) {
    String value = get(params, name);
    if (value == null) {
      return 0;
    }
    long seconds = parse(name, value, "ParseInt", SIGNED, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (seconds < 0) {
      throw new IllegalArgumentException(
          "invalid " + name + ": " + value + " (expected: seconds >= 0)");
    }
    return seconds;
  }

  /**
   * A count such as {@code limit} or {@code maxStaleValues}: an unsigned 32-bit number, 0 when
   * absent (which means no limit); values beyond {@link Integer#MAX_VALUE} mean no limit either.
   */
  private static int count(QueryParams params, String name) {
    String value = get(params, name);
    if (value == null) {
      return 0;
    }
    long count = parse(name, value, "ParseUint", UNSIGNED, 0, 0xFFFF_FFFFL);
    return count > Integer.MAX_VALUE ? 0 : (int) count;
  }

  /** {@code value} as Go's {@code strconv} function of that name parses it, with its errors. */
  private static long parse(
      String name, String value, String function, Pattern syntax, long min, long max) {
    if (!syntax.matcher(value).matches()) {
      throw parseError(name, function, value, "invalid syntax");
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Digits, so too many of them: out of range, as below.
    }
    throw parseError(name, function, value, "value out of range");
  }

  private static IllegalArgumentException parseError(
      String name, String function, String value, String what) {
    return new IllegalArgumentException(
        "invalid " + name + ": strconv." + function + ": parsing \"" + value + "\": " + what);
  }

  /**
   * The filter of {@code q}, or null to use none. As in Tempo, a filter is used only when it is one
   * span selector whose condition is a comparison or several joined by {@code &&}, each between a
   * scoped attribute or an intrinsic and a literal; anything else, and anything that does not
   * parse, is ignored, so the answer is the unfiltered list rather than an error.
   */
  static @Nullable SpanFilter filter(@Nullable String q) {
    if (q == null || q.isBlank()) {
      return null;
    }
    RootExpr root;
    try {
      root = TraceQL.parse(q);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!(root.expression() instanceof SpansetFilter selector)
        || !isComparisonChain(selector.condition())) {
      return null;
    }
    try {
      return SpanFilter.compile(selector);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // An invalid regular expression, say: ignored like any other filter Tempo cannot use.
      return null;
    }
  }

  private static boolean isComparisonChain(FieldExpression condition) {
    if (!(condition instanceof BinaryOperation op)) {
      return false;
    }
    if (op.operator() == FieldOperator.AND) {
      return isComparisonChain(op.left()) && isComparisonChain(op.right());
    }
    return COMPARISONS.contains(op.operator())
        && isFilterField(op.left())
        && op.right() instanceof Static;
  }

  /** Scoped attributes and intrinsics; Tempo does not filter on unscoped or parent attributes. */
  private static boolean isFilterField(FieldExpression field) {
    if (field instanceof Attribute attribute) {
      return attribute.scope() != AttributeScope.NONE && !attribute.parent();
    }
    return field instanceof Intrinsic;
  }
}
