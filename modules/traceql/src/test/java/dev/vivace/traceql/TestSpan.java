package dev.vivace.traceql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A synthetic span for evaluator tests, made by {@link TestTrace}: a label for assertions, a hex
 * span ID, a parent ID, intrinsics, attributes by scope and events. A span with events is seen once
 * per event through {@link #variants()}.
 */
final class TestSpan implements SpanView {

  private final TestTrace trace;
  private final String label;
  private final Map<Intrinsic, Static> intrinsics = new HashMap<>();
  private final Map<AttributeScope, Map<String, Static>> attributes = new HashMap<>();
  private final List<Map<String, Static>> events = new ArrayList<>();
  private final List<String> eventNames = new ArrayList<>();

  TestSpan(TestTrace trace, String label, String id, @Nullable String parentId) {
    this.trace = trace;
    this.label = label;
    intrinsics.put(Intrinsic.SPAN_ID, new Static.StringValue(id));
    if (parentId != null) {
      intrinsics.put(Intrinsic.SPAN_PARENT_ID, new Static.StringValue(parentId));
    }
  }

  String label() {
    return label;
  }

  String id() {
    return ((Static.StringValue) intrinsics.get(Intrinsic.SPAN_ID)).value();
  }

  TestSpan name(String name) {
    intrinsics.put(Intrinsic.NAME, new Static.StringValue(name));
    return this;
  }

  TestSpan service(String service) {
    return resource("service.name", service);
  }

  TestSpan millis(long millis) {
    intrinsics.put(Intrinsic.DURATION, new Static.DurationValue(millis * 1_000_000L));
    return this;
  }

  TestSpan status(Static.StatusCode status) {
    intrinsics.put(Intrinsic.STATUS, new Static.StatusValue(status));
    return this;
  }

  TestSpan attribute(String name, Object value) {
    attributes.computeIfAbsent(AttributeScope.SPAN, s -> new HashMap<>()).put(name, of(value));
    return this;
  }

  TestSpan resource(String name, Object value) {
    attributes.computeIfAbsent(AttributeScope.RESOURCE, s -> new HashMap<>()).put(name, of(value));
    return this;
  }

  /** Adds an event with attributes given as name, value, name, value, ... */
  TestSpan event(String name, Object... nameValues) {
    Map<String, Static> event = new HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      event.put((String) nameValues[i], of(nameValues[i + 1]));
    }
    eventNames.add(name);
    events.add(event);
    return this;
  }

  @Override
  public @Nullable Static attribute(AttributeScope scope, String name) {
    return attributes.getOrDefault(scope, Map.of()).get(name);
  }

  @Override
  public @Nullable Static intrinsic(Intrinsic intrinsic) {
    return intrinsics.get(intrinsic);
  }

  @Override
  public @Nullable SpanView parent() {
    Static parentId = intrinsics.get(Intrinsic.SPAN_PARENT_ID);
    return parentId instanceof Static.StringValue s ? trace.byId(s.value()) : null;
  }

  @Override
  public List<? extends SpanView> variants() {
    if (events.isEmpty()) {
      return List.of(this);
    }
    List<SpanView> views = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      views.add(new EventView(this, eventNames.get(i), events.get(i)));
    }
    return views;
  }

  @Override
  public String toString() {
    return label;
  }

  private static Static of(Object value) {
    if (value instanceof String s) {
      return new Static.StringValue(s);
    }
    if (value instanceof Integer i) {
      return new Static.IntValue(i);
    }
    if (value instanceof Long l) {
      return new Static.IntValue(l);
    }
    if (value instanceof Double d) {
      return new Static.FloatValue(d);
    }
    if (value instanceof Boolean b) {
      return new Static.BoolValue(b);
    }
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "value: %s (expected: string, number or boolean)", value));
  }

  /** {@code span} as seen with one of its events. */
  private record EventView(TestSpan span, String eventName, Map<String, Static> event)
      implements SpanView {

    @Override
    public @Nullable Static attribute(AttributeScope scope, String name) {
      return scope == AttributeScope.EVENT ? event.get(name) : span.attribute(scope, name);
    }

    @Override
    public @Nullable Static intrinsic(Intrinsic intrinsic) {
      return intrinsic == Intrinsic.EVENT_NAME
          ? new Static.StringValue(eventName)
          : span.intrinsic(intrinsic);
    }

    @Override
    public @Nullable SpanView parent() {
      return span.parent();
    }
  }
}
