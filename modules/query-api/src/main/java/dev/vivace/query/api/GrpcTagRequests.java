package dev.vivace.query.api;

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
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads the scopes, filters, tags and windows of the streaming tag calls, as Tempo does. */
final class GrpcTagRequests {

  /** The names of Tempo's {@code intrinsic} scope, in its order. */
  static final List<String> INTRINSICS =
      List.of(
          "duration",
          "event:name",
          "event:timeSinceStart",
          "instrumentation:name",
          "instrumentation:version",
          "kind",
          "link:spanID",
          "link:traceID",
          "name",
          "rootName",
          "rootServiceName",
          "span:duration",
          "span:id",
          "span:kind",
          "span:name",
          "span:parentID",
          "span:status",
          "span:statusMessage",
          "status",
          "statusMessage",
          "trace:duration",
          "trace:id",
          "trace:rootName",
          "trace:rootService",
          "traceDuration");

  /**
   * The attribute scopes {@code scope} asks for: empty (and {@code none}) means resource and span
   * for v1, every scope for v2; {@code intrinsic} asks for none.
   *
   * @throws IllegalArgumentException {@code invalid scope: X} for an unknown scope
   */
  static Set<AttributeScope> scopes(String scope, boolean v2) {
    return switch (scope) {
      case "", "none" ->
          v2
              ? EnumSet.complementOf(EnumSet.of(AttributeScope.NONE))
              : EnumSet.of(AttributeScope.RESOURCE, AttributeScope.SPAN);
      case "resource" -> EnumSet.of(AttributeScope.RESOURCE);
      case "span" -> EnumSet.of(AttributeScope.SPAN);
      case "event" -> EnumSet.of(AttributeScope.EVENT);
      case "link" -> EnumSet.of(AttributeScope.LINK);
      case "instrumentation" -> EnumSet.of(AttributeScope.INSTRUMENTATION);
      case "intrinsic" -> EnumSet.noneOf(AttributeScope.class);
      default -> throw new IllegalArgumentException("invalid scope: " + scope);
    };
  }

  /**
   * Whether {@code scope} asks for the intrinsic names: v2 without a scope, and {@code intrinsic}.
   */
  static boolean wantsIntrinsics(String scope, boolean v2) {
    return scope.equals("intrinsic") || (v2 && (scope.isEmpty() || scope.equals("none")));
  }

  /**
   * The filter of a tag call's {@code query}: only a single span selector filters; anything else,
   * or a query that does not parse, is ignored as Tempo ignores it.
   */
  static @Nullable SpanFilter filter(String query) {
    if (query.isBlank()) {
      return null;
    }
    try {
      return SpanFilter.compile(TraceQL.parse(query));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** The window of a tag call, in seconds; both zero means recent data only. */
  static TimeRange range(int start, int end) {
    return new TimeRange(
        GrpcSearchRequests.seconds("start", start), GrpcSearchRequests.seconds("end", end));
  }

  /**
   * The tag of a v2 values call: one attribute ({@code resource.service.name}, {@code .foo}) or
   * intrinsic ({@code name}, {@code span:status}).
   *
   * @throws IllegalArgumentException {@code please provide a valid tagName: ...} otherwise
   */
  static FieldExpression identifier(String tagName) {
    String error = "please provide a valid tagName: failed to parse identifier " + tagName;
    RootExpr root;
    try {
      // Parsed as the operand of a comparison, the one place the grammar takes a lone field.
      root = TraceQL.parse("{ " + tagName + " != nil }");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(error, e);
    }
    if (root.hints().isEmpty()
        && root.expression() instanceof SpansetFilter filter
        && filter.condition() instanceof BinaryOperation op
        && op.operator() == FieldOperator.NOT_EQUAL
        && op.right() instanceof Static.NilValue
        && (op.left() instanceof Attribute || op.left() instanceof Intrinsic)) {
      return op.left();
    }
    throw new IllegalArgumentException(error);
  }

  /** The tag of a v1 values call: an attribute name without scope, of a span or its resource. */
  static Attribute unscoped(String tagName) {
    if (tagName.isEmpty()) {
      throw new IllegalArgumentException("please provide a non-empty tagName");
    }
    return new Attribute(AttributeScope.NONE, false, tagName);
  }

  private GrpcTagRequests() {}
}
