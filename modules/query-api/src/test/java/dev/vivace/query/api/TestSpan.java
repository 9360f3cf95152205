package dev.vivace.query.api;

import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanView;
import dev.vivace.traceql.Static;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A span for evaluating queries: attributes by scope and intrinsics, set fluently. */
final class TestSpan implements SpanView {

  private final Map<AttributeScope, Map<String, Static>> attributes =
      new EnumMap<>(AttributeScope.class);
  private final Map<Intrinsic, Static> intrinsics = new EnumMap<>(Intrinsic.class);

  TestSpan resource(String name, Static value) {
    return attribute(AttributeScope.RESOURCE, name, value);
  }

  TestSpan resource(String name, String value) {
    return resource(name, new Static.StringValue(value));
  }

  TestSpan span(String name, Static value) {
    return attribute(AttributeScope.SPAN, name, value);
  }

  TestSpan span(String name, String value) {
    return span(name, new Static.StringValue(value));
  }

  TestSpan intrinsic(Intrinsic intrinsic, Static value) {
    intrinsics.put(intrinsic, value);
    return this;
  }

  private TestSpan attribute(AttributeScope scope, String name, Static value) {
    attributes.computeIfAbsent(scope, s -> new HashMap<>()).put(name, value);
    return this;
  }

  @Override
  public @Nullable Static attribute(AttributeScope scope, String name) {
    Map<String, Static> byName = attributes.get(scope);
    return byName == null ? null : byName.get(name);
  }

  @Override
  public @Nullable Static intrinsic(Intrinsic intrinsic) {
    return intrinsics.get(intrinsic);
  }

  @Override
  public @Nullable SpanView parent() {
    return null;
  }
}
