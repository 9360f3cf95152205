package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.trace.TraceId;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanView;
import dev.vivace.traceql.Spanset;
import dev.vivace.traceql.Static;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a search over one trace held as OTLP {@link ResourceSpans}, for tiers that hold or
 * rebuild whole traces (live traces, head blocks): the query's span sets become a {@link
 * TraceMatch} with the root, the times and the per-service counts that Tempo reports.
 */
public final class TraceMatcher {

  private TraceMatcher() {}

  /**
   * Returns the match of the trace made of {@code batches}, or null when it does not match or, for
   * a request with a time window, lies outside it. The batches should hold each span once.
   */
  public static @Nullable TraceMatch match(
      SearchRequest request, TraceId traceId, List<ResourceSpans> batches) {
    requireNonNull(request, "request");
    ProtoTrace trace = new ProtoTrace(traceId, batches);
    if (trace.spans().isEmpty()) {
      return null;
    }
    if (!request.recentOnly() && !request.inRange(trace.startNanos(), trace.endNanos())) {
      return null;
    }
    List<Spanset> spansets = request.query().evaluate(trace.spans());
    if (spansets.isEmpty()) {
      return null;
    }
    List<FieldExpression> fields = request.query().resultFields();
    boolean showName = fields.contains(Intrinsic.NAME);
    List<SpansetMatch> sets = new ArrayList<>(spansets.size());
    for (Spanset set : spansets) {
      int shown =
          request.spansPerSpanSet() == 0
              ? set.spans().size()
              : Math.min(set.spans().size(), request.spansPerSpanSet());
      List<SpanMatch> spans = new ArrayList<>(shown);
      for (SpanView view : set.spans().subList(0, shown)) {
        ProtoSpanView span = (ProtoSpanView) view;
        spans.add(
            new SpanMatch(
                span.spanId,
                showName ? span.span.getName() : null,
                span.span.getStartTimeUnixNano(),
                span.durationNanos(),
                attributes(span, fields)));
      }
      List<SpanAttribute> setAttributes = new ArrayList<>(set.attributes().size());
      for (Spanset.NamedValue nv : set.attributes()) {
        setAttributes.add(new SpanAttribute(nv.name(), nv.value()));
      }
      sets.add(new SpansetMatch(spans, set.spans().size(), setAttributes));
    }
    Map<String, ServiceStats> stats = new LinkedHashMap<>();
    for (ProtoSpanView span : trace.spans()) {
      String service = span.serviceName();
      if (service != null) {
        stats.merge(service, new ServiceStats(1, span.isError() ? 1 : 0), ServiceStats::plus);
      }
    }
    ProtoSpanView root = trace.root();
    return new TraceMatch(
        traceId,
        root == null ? null : root.serviceName(),
        root == null ? null : root.span.getName(),
        trace.startNanos(),
        trace.endNanos(),
        sets,
        stats);
  }

  /**
   * The attributes a result span shows: each field the query compared or selected that the span
   * has, keyed without its scope as Tempo shows them. The span's name, its duration and the
   * trace-level intrinsics have fields of their own in a result and are not repeated.
   */
  static List<SpanAttribute> attributes(SpanView span, List<FieldExpression> fields) {
    List<SpanAttribute> out = new ArrayList<>();
    for (FieldExpression field : fields) {
      if (field instanceof Attribute a && !a.parent()) {
        boolean unscoped = a.scope() == AttributeScope.NONE;
        Static value = span.attribute(unscoped ? AttributeScope.SPAN : a.scope(), a.name());
        if (value == null && unscoped) {
          value = span.attribute(AttributeScope.RESOURCE, a.name());
        }
        if (value != null) {
          out.add(new SpanAttribute(a.name(), value));
        }
      } else if (field instanceof Intrinsic i && shownAsAttribute(i)) {
        Static value = span.intrinsic(i);
        if (value != null) {
          out.add(new SpanAttribute(i.toString(), value));
        }
      }
    }
    return out;
  }

  private static boolean shownAsAttribute(Intrinsic intrinsic) {
    return switch (intrinsic) {
      case NAME,
          DURATION,
          TRACE_DURATION,
          ROOT_NAME,
          ROOT_SERVICE_NAME,
          PARENT,
          NESTED_SET_LEFT,
          NESTED_SET_RIGHT,
          NESTED_SET_PARENT ->
          false;
      default -> true;
    };
  }
}
