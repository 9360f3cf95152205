package dev.vivace.traceql;

import org.jspecify.annotations.Nullable;

/**
 * What a span selector can ask of one span, with no storage or wire types. Values are the {@link
 * Static} literal records; null means the span has no such value.
 *
 * <p>A span with several events or links is presented once per event or link: Tempo matches a span
 * when any one of its events (or links) satisfies the selector, so the caller tries each view.
 */
public interface SpanView {

  /**
   * The attribute {@code name} in {@code scope}, or null if the span has none. The scope is never
   * {@link AttributeScope#NONE}: {@link SpanFilter} looks an unscoped attribute up as a span
   * attribute, else as a resource attribute. Values are {@link Static.StringValue}, {@link
   * Static.IntValue}, {@link Static.FloatValue} or {@link Static.BoolValue}.
   */
  @Nullable Static attribute(AttributeScope scope, String name);

  /**
   * The value of {@code intrinsic}, or null if the span has none:
   *
   * <ul>
   *   <li>{@link Static.DurationValue} for {@link Intrinsic#DURATION}, {@link
   *       Intrinsic#TRACE_DURATION} and {@link Intrinsic#EVENT_TIME_SINCE_START};
   *   <li>{@link Static.StatusValue} for {@link Intrinsic#STATUS} and {@link Static.KindValue} for
   *       {@link Intrinsic#KIND};
   *   <li>{@link Static.IntValue} for {@link Intrinsic#CHILD_COUNT} and the nested-set bounds;
   *   <li>for {@link Intrinsic#PARENT}, any value when the span has a parent and null for a root
   *       span;
   *   <li>{@link Static.StringValue} for the rest; IDs are lower-case hex.
   * </ul>
   */
  @Nullable Static intrinsic(Intrinsic intrinsic);

  /** The span's parent, for {@code parent.} attributes, or null if it has none or it is unknown. */
  @Nullable SpanView parent();

  /**
   * This span as seen with each of its events and links, for selectors over {@code event.} and
   * {@code link.} attributes: a span matches a selector when any variant does. A span without
   * events or links is its own only variant.
   */
  default java.util.List<? extends SpanView> variants() {
    return java.util.List.of(this);
  }
}
