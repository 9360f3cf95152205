package dev.vivace.query.api;

import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.BinaryOperation;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.FieldOperator;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.RootExpr;
import dev.vivace.traceql.SpansetFilter;
import dev.vivace.traceql.Static;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A legacy tag search ({@code tags}, or bare {@code key=value} parameters, with {@code
 * minDuration}/{@code maxDuration}) translated into one TraceQL span selector with the matching
 * rules of Tempo's vParquet4 tag search:
 *
 * <ul>
 *   <li>the keys Tempo keeps in their own columns match a <em>substring</em> of the value: {@code
 *       service.name}, {@code cluster}, {@code namespace}, {@code pod}, {@code container}, {@code
 *       k8s.cluster.name}, {@code k8s.namespace.name}, {@code k8s.pod.name}, {@code
 *       k8s.container.name} (resource), {@code name}, {@code http.method}, {@code http.url} (span),
 *       {@code root.name} and {@code root.service.name} (trace);
 *   <li>{@code http.status_code} is an integer equality when the value is an integer, else an exact
 *       string match like any other key;
 *   <li>{@code status.code} is the span status {@code unset}, {@code ok} or {@code error}; any
 *       other value means {@code unset}, as in Tempo;
 *   <li>every other key is an exact string match on a span or resource attribute of that name;
 *   <li>{@code minDuration}/{@code maxDuration} bound the trace's duration, both inclusive.
 * </ul>
 *
 * A substring is a fully anchored regular expression {@code (?s).*<escaped>.*}: every regex
 * metacharacter of the value is escaped, and {@code (?s)} lets {@code .} cross line breaks.
 */
final class LegacySearch {

  private static final Set<String> RESOURCE_COLUMNS =
      Set.of(
          "service.name",
          "cluster",
          "namespace",
          "pod",
          "container",
          "k8s.cluster.name",
          "k8s.namespace.name",
          "k8s.pod.name",
          "k8s.container.name");
  private static final Set<String> SPAN_COLUMNS = Set.of("http.method", "http.url");
  private static final String METACHARACTERS = "\\.[]{}()*+?^$|";

  private LegacySearch() {}

  /**
   * The query for {@code tags}, traces at least {@code minMillis} and (when above 0) at most {@code
   * maxMillis} long; {@code {}} when nothing is asked.
   */
  static RootExpr query(Map<String, String> tags, long minMillis, long maxMillis) {
    List<FieldExpression> conditions = new ArrayList<>();
    tags.forEach((key, value) -> conditions.add(condition(key, value)));
    if (minMillis > 0) {
      conditions.add(
          compare(
              Intrinsic.TRACE_DURATION,
              FieldOperator.GREATER_EQUAL,
              new Static.DurationValue(minMillis * 1_000_000L)));
    }
    if (maxMillis > 0) {
      conditions.add(
          compare(
              Intrinsic.TRACE_DURATION,
              FieldOperator.LESS_EQUAL,
              new Static.DurationValue(maxMillis * 1_000_000L)));
    }
    FieldExpression all = new Static.BoolValue(true);
    for (int i = 0; i < conditions.size(); i++) {
      all = i == 0 ? conditions.get(0) : and(all, conditions.get(i));
    }
    return new RootExpr(new SpansetFilter(all), List.of());
  }

  private static FieldExpression condition(String key, String value) {
    if (RESOURCE_COLUMNS.contains(key)) {
      return contains(new Attribute(AttributeScope.RESOURCE, false, key), value);
    }
    if (SPAN_COLUMNS.contains(key)) {
      return contains(new Attribute(AttributeScope.SPAN, false, key), value);
    }
    return switch (key) {
      case "name" -> contains(Intrinsic.NAME, value);
      case "root.name" -> contains(Intrinsic.ROOT_NAME, value);
      case "root.service.name" -> contains(Intrinsic.ROOT_SERVICE_NAME, value);
      case "status.code" ->
          compare(Intrinsic.STATUS, FieldOperator.EQUAL, new Static.StatusValue(status(value)));
      case "http.status_code" -> statusCode(key, value);
      default -> exact(key, value);
    };
  }

  /** An integer equality on the span attribute when {@code value} is an integer. */
  private static FieldExpression statusCode(String key, String value) {
    Long code = integer(value);
    if (code == null) {
      return exact(key, value);
    }
    return compare(
        new Attribute(AttributeScope.SPAN, false, key),
        FieldOperator.EQUAL,
        new Static.IntValue(code));
  }

  /** A span or resource attribute {@code key} whose string value is {@code value}. */
  private static FieldExpression exact(String key, String value) {
    Static.StringValue literal = new Static.StringValue(value);
    return new BinaryOperation(
        FieldOperator.OR,
        compare(new Attribute(AttributeScope.SPAN, false, key), FieldOperator.EQUAL, literal),
        compare(new Attribute(AttributeScope.RESOURCE, false, key), FieldOperator.EQUAL, literal));
  }

  private static FieldExpression contains(FieldExpression field, String value) {
    return compare(field, FieldOperator.REGEX, new Static.StringValue(substringPattern(value)));
  }

  /** A {@code java.util.regex} pattern that matches, whole, any string containing {@code text}. */
  static String substringPattern(String text) {
    StringBuilder out = new StringBuilder(text.length() + 10).append("(?s).*");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (METACHARACTERS.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append(".*").toString();
  }

  private static Static.StatusCode status(String value) {
    return switch (value) {
      case "ok" -> Static.StatusCode.OK;
      case "error" -> Static.StatusCode.ERROR;
      default -> Static.StatusCode.UNSET;
    };
  }

  /** Go's {@code strconv.Atoi}, or null when {@code value} is not an integer. */
  private static @Nullable Long integer(String value) {
    try {
      return GoParsing.atoi(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static FieldExpression compare(FieldExpression left, FieldOperator op, Static right) {
    return new BinaryOperation(op, left, right);
  }

  private static FieldExpression and(FieldExpression left, FieldExpression right) {
    return new BinaryOperation(FieldOperator.AND, left, right);
  }
}
