package dev.vivace.traceql;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A span or trace property that is not an attribute. Each constant prints as its canonical
 * spelling: the unscoped one where TraceQL has it ({@code duration}), else the scoped one ({@code
 * span:id}). {@code span:duration} and {@code duration} are the same intrinsic.
 */
public enum Intrinsic implements FieldExpression {
  /** The span's duration, end minus start; also {@code span:duration}. */
  DURATION("duration", "span:duration"),
  /** The span's name; also {@code span:name}. */
  NAME("name", "span:name"),
  /** The span's status code; also {@code span:status}. */
  STATUS("status", "span:status"),
  /** The span's status message; also {@code span:statusMessage}. */
  STATUS_MESSAGE("statusMessage", "span:statusMessage"),
  /** The span's kind; also {@code span:kind}. */
  KIND("kind", "span:kind"),
  /** The number of direct children of the span; also {@code span:childCount}. */
  CHILD_COUNT("childCount", "span:childCount"),
  /** The span's parent (compared with {@code nil} to find root spans). */
  PARENT("parent", null),
  /** The trace's duration, last end minus first start; also {@code trace:duration}. */
  TRACE_DURATION("traceDuration", "trace:duration"),
  /** The name of the trace's root span; also {@code trace:rootName}. */
  ROOT_NAME("rootName", "trace:rootName"),
  /** The service of the trace's root span; also {@code trace:rootService}. */
  ROOT_SERVICE_NAME("rootServiceName", "trace:rootService"),
  /** The nested-set left bound of the span within its trace (Tempo's vParquet columns). */
  NESTED_SET_LEFT("nestedSetLeft", null),
  /** The nested-set right bound of the span within its trace. */
  NESTED_SET_RIGHT("nestedSetRight", null),
  /** The nested-set left bound of the span's parent. */
  NESTED_SET_PARENT("nestedSetParent", null),
  /** The span ID. */
  SPAN_ID(null, "span:id"),
  /** The parent span ID. */
  SPAN_PARENT_ID(null, "span:parentID"),
  /** The trace ID. */
  TRACE_ID(null, "trace:id"),
  /** The name of a span event. */
  EVENT_NAME(null, "event:name"),
  /** The time from the span's start to a span event. */
  EVENT_TIME_SINCE_START(null, "event:timeSinceStart"),
  /** The trace ID a span link points at. */
  LINK_TRACE_ID(null, "link:traceID"),
  /** The span ID a span link points at. */
  LINK_SPAN_ID(null, "link:spanID"),
  /** The instrumentation scope's name. */
  INSTRUMENTATION_NAME(null, "instrumentation:name"),
  /** The instrumentation scope's version. */
  INSTRUMENTATION_VERSION(null, "instrumentation:version");

  private static final Map<String, Intrinsic> BY_SPELLING = new HashMap<>();

  static {
    for (Intrinsic intrinsic : values()) {
      if (intrinsic.unscoped != null) {
        BY_SPELLING.put(intrinsic.unscoped, intrinsic);
      }
      if (intrinsic.scoped != null) {
        BY_SPELLING.put(intrinsic.scoped, intrinsic);
      }
    }
  }

  private final @Nullable String unscoped;
  private final @Nullable String scoped;

  Intrinsic(@Nullable String unscoped, @Nullable String scoped) {
    this.unscoped = unscoped;
    this.scoped = scoped;
  }

  /** The intrinsic spelled {@code spelling} (case-sensitive), or null if there is none. */
  static @Nullable Intrinsic forSpelling(String spelling) {
    return BY_SPELLING.get(spelling);
  }

  /** Whether {@code scope} (such as {@code span} or {@code trace}) has scoped intrinsics. */
  static boolean isIntrinsicScope(String scope) {
    return switch (scope) {
      case "span", "trace", "event", "link", "instrumentation" -> true;
      default -> false;
    };
  }

  @Override
  public String toString() {
    String spelling = unscoped != null ? unscoped : scoped;
    return spelling != null ? spelling : name();
  }
}
