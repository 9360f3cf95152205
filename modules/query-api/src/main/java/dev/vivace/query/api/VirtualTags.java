package dev.vivace.query.api;

import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.Static;
import java.util.List;
import java.util.Map;

/** The tags and values Tempo answers from fixed lists, without looking at any data. */
final class VirtualTags {

  /** The {@code intrinsic} scope of the tag lists: Tempo's fixed list of intrinsic names. */
  static final List<String> INTRINSIC_NAMES =
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

  /** v1 tags whose values are fixed: the legacy {@code status.code} and {@code error}. */
  static final Map<String, List<String>> V1_VALUES =
      Map.of("status.code", List.of("unset", "ok", "error"), "error", List.of("true"));

  /**
   * v2 intrinsics whose values are fixed, in Tempo's order: the status and kind keywords, and no
   * values at all for durations.
   */
  static final Map<Intrinsic, List<Static>> V2_VALUES =
      Map.of(
          Intrinsic.STATUS,
          List.of(
              new Static.StatusValue(Static.StatusCode.OK),
              new Static.StatusValue(Static.StatusCode.ERROR),
              new Static.StatusValue(Static.StatusCode.UNSET)),
          Intrinsic.KIND,
          List.of(
              new Static.KindValue(Static.SpanKind.CLIENT),
              new Static.KindValue(Static.SpanKind.SERVER),
              new Static.KindValue(Static.SpanKind.PRODUCER),
              new Static.KindValue(Static.SpanKind.CONSUMER),
              new Static.KindValue(Static.SpanKind.INTERNAL),
              new Static.KindValue(Static.SpanKind.UNSPECIFIED)),
          Intrinsic.DURATION,
          List.of(),
          Intrinsic.TRACE_DURATION,
          List.of());

  private VirtualTags() {}
}
