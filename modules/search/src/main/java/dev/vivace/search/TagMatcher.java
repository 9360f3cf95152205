package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.query.TimeRange;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.SpanView;
import dev.vivace.traceql.Static;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds attribute names and values in one trace held as OTLP {@link ResourceSpans}, for tiers that
 * hold or rebuild whole traces: what {@link TraceMatcher} is to searches, so that every such tier
 * answers tag searches alike.
 *
 * <p>A span counts when the request has no filter or when one of its {@linkplain
 * SpanView#variants() variants} matches it. Events and links count only through a matching variant,
 * so {@code {event.x="y"}} yields the names and values of the events that have {@code x="y"}. Each
 * name or value is offered once per trace; a trace outside a request's window is skipped.
 */
public final class TagMatcher {

  private TagMatcher() {}

  /**
   * Offers to {@code sink} the names of the attributes, in the requested scopes, of the counted
   * spans of the trace made of {@code batches}: their own, their resource's, their instrumentation
   * scope's and their events' and links'. The batches should hold each span once.
   *
   * @return false once the sink wants no more
   */
  public static boolean names(
      TagRequest request, TraceId traceId, List<ResourceSpans> batches, TagSink sink) {
    requireNonNull(request, "request");
    requireNonNull(sink, "sink");
    ProtoTrace trace = inWindow(request.range(), traceId, batches);
    if (trace == null) {
      return !sink.isDone();
    }
    Set<AttributeScope> scopes = request.scopes();
    boolean perVariant =
        scopes.contains(AttributeScope.EVENT) || scopes.contains(AttributeScope.LINK);
    Map<AttributeScope, Set<String>> offered = new EnumMap<>(AttributeScope.class);
    for (ProtoSpanView span : trace.spans()) {
      List<ProtoSpanView> counted = counted(span, request.filter(), perVariant);
      if (counted.isEmpty()) {
        continue;
      }
      boolean more =
          offer(scopes, AttributeScope.RESOURCE, span.resource.getAttributesList(), offered, sink)
              && offer(scopes, AttributeScope.SPAN, span.span.getAttributesList(), offered, sink)
              && offer(
                  scopes,
                  AttributeScope.INSTRUMENTATION,
                  span.scope.getAttributesList(),
                  offered,
                  sink);
      for (int i = 0; more && i < counted.size(); i++) {
        ProtoSpanView variant = counted.get(i);
        if (variant.event != null) {
          more =
              offer(scopes, AttributeScope.EVENT, variant.event.getAttributesList(), offered, sink);
        }
        if (more && variant.link != null) {
          more =
              offer(scopes, AttributeScope.LINK, variant.link.getAttributesList(), offered, sink);
        }
      }
      if (!more || sink.isDone()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Offers to {@code sink} the distinct values of the requested attribute or intrinsic on the
   * counted spans of the trace made of {@code batches}. An unscoped attribute yields both the span
   * attributes and the resource attributes of that name; only string, integer, float and boolean
   * attributes have values, and {@code duration} and {@code traceDuration} have none, as in Tempo.
   * The batches should hold each span once.
   *
   * @return false once the sink wants no more
   */
  public static boolean values(
      TagValuesRequest request, TraceId traceId, List<ResourceSpans> batches, TagSink sink) {
    requireNonNull(request, "request");
    requireNonNull(sink, "sink");
    ProtoTrace trace = inWindow(request.range(), traceId, batches);
    if (trace == null) {
      return !sink.isDone();
    }
    FieldExpression tag = request.tag();
    if (tag == Intrinsic.DURATION || tag == Intrinsic.TRACE_DURATION) {
      // Tempo lists no values for durations.
      return !sink.isDone();
    }
    boolean perVariant = perVariant(tag);
    Set<Static> offered = new HashSet<>();
    List<Static> found = new ArrayList<>(2);
    for (ProtoSpanView span : trace.spans()) {
      for (ProtoSpanView variant : counted(span, request.filter(), perVariant)) {
        found.clear();
        valuesOf(variant, tag, found);
        for (Static value : found) {
          if (offered.add(value) && !sink.addValue(value)) {
            return false;
          }
        }
      }
      if (sink.isDone()) {
        return false;
      }
    }
    return true;
  }

  /** The trace, or null when it has no span or lies outside a window given as {@code range}. */
  private static @Nullable ProtoTrace inWindow(
      TimeRange range, TraceId traceId, List<ResourceSpans> batches) {
    ProtoTrace trace = new ProtoTrace(traceId, batches);
    boolean recentOnly = range.startSeconds() == 0 && range.endSeconds() == 0;
    boolean outside =
        trace.spans().isEmpty()
            || (!recentOnly && !SearchRequest.inRange(range, trace.startNanos(), trace.endNanos()));
    return outside ? null : trace;
  }

  /**
   * The views of {@code span} that count: with {@code perVariant} each matching variant, else the
   * span itself if any variant matches.
   */
  private static List<ProtoSpanView> counted(
      ProtoSpanView span, @Nullable SpanFilter filter, boolean perVariant) {
    if (filter == null) {
      return perVariant ? span.variants() : List.of(span);
    }
    List<ProtoSpanView> variants = span.variants();
    if (!perVariant) {
      for (ProtoSpanView variant : variants) {
        if (filter.matches(variant)) {
          return List.of(span);
        }
      }
      return List.of();
    }
    List<ProtoSpanView> matching = new ArrayList<>(variants.size());
    for (ProtoSpanView variant : variants) {
      if (filter.matches(variant)) {
        matching.add(variant);
      }
    }
    return matching;
  }

  private static boolean offer(
      Set<AttributeScope> wanted,
      AttributeScope scope,
      List<KeyValue> attributes,
      Map<AttributeScope, Set<String>> offered,
      TagSink sink) {
    if (!wanted.contains(scope) || attributes.isEmpty()) {
      return true;
    }
    Set<String> names = offered.computeIfAbsent(scope, s -> new HashSet<>());
    for (KeyValue kv : attributes) {
      if (names.add(kv.getKey()) && !sink.addName(scope, kv.getKey())) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code tag} is read from one event or link, so each variant has its own value. */
  private static boolean perVariant(FieldExpression tag) {
    if (tag instanceof Attribute a) {
      return !a.parent() && (a.scope() == AttributeScope.EVENT || a.scope() == AttributeScope.LINK);
    }
    return switch ((Intrinsic) tag) {
      case EVENT_NAME, EVENT_TIME_SINCE_START, LINK_TRACE_ID, LINK_SPAN_ID -> true;
      default -> false;
    };
  }

  private static void valuesOf(SpanView view, FieldExpression tag, List<Static> out) {
    if (tag instanceof Attribute a) {
      SpanView target = a.parent() ? view.parent() : view;
      if (target == null) {
        return;
      }
      if (a.scope() == AttributeScope.NONE) {
        addIfPresent(target.attribute(AttributeScope.SPAN, a.name()), out);
        addIfPresent(target.attribute(AttributeScope.RESOURCE, a.name()), out);
      } else {
        addIfPresent(target.attribute(a.scope(), a.name()), out);
      }
    } else {
      addIfPresent(view.intrinsic((Intrinsic) tag), out);
    }
  }

  private static void addIfPresent(@Nullable Static value, List<Static> out) {
    if (value != null) {
      out.add(value);
    }
  }
}
