package dev.vivace.search;

import com.google.protobuf.ByteString;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanView;
import dev.vivace.traceql.Static;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A span of an OTLP trace seen as TraceQL sees it, optionally with one of its events and one of its
 * links (see {@link #variants()}).
 */
final class ProtoSpanView implements SpanView {

  private final ProtoTrace trace;
  final Resource resource;
  final InstrumentationScope scope;
  final Span span;
  final String spanId;
  final @Nullable String parentId;
  final Span.@Nullable Event event;
  final Span.@Nullable Link link;
  @Nullable ProtoSpanView parent;
  int childCount;

  ProtoSpanView(ProtoTrace trace, Resource resource, InstrumentationScope scope, Span span) {
    this(
        trace,
        resource,
        scope,
        span,
        hexOrNull(span.getSpanId()),
        hexOrNull(span.getParentSpanId()),
        null,
        null);
  }

  private ProtoSpanView(
      ProtoTrace trace,
      Resource resource,
      InstrumentationScope scope,
      Span span,
      @Nullable String spanId,
      @Nullable String parentId,
      Span.@Nullable Event event,
      Span.@Nullable Link link) {
    this.trace = trace;
    this.resource = resource;
    this.scope = scope;
    this.span = span;
    this.spanId = spanId == null ? "" : spanId;
    this.parentId = parentId;
    this.event = event;
    this.link = link;
  }

  private ProtoSpanView variant(Span.@Nullable Event event, Span.@Nullable Link link) {
    ProtoSpanView v =
        new ProtoSpanView(trace, resource, scope, span, spanId, parentId, event, link);
    v.parent = parent;
    v.childCount = childCount;
    return v;
  }

  @Override
  public List<ProtoSpanView> variants() {
    if (span.getEventsCount() == 0 && span.getLinksCount() == 0) {
      return List.of(this);
    }
    List<Span.@Nullable Event> events = new ArrayList<>();
    if (span.getEventsCount() == 0) {
      events.add(null);
    } else {
      events.addAll(span.getEventsList());
    }
    List<Span.@Nullable Link> links = new ArrayList<>();
    if (span.getLinksCount() == 0) {
      links.add(null);
    } else {
      links.addAll(span.getLinksList());
    }
    List<ProtoSpanView> out = new ArrayList<>(events.size() * links.size());
    for (Span.Event e : events) {
      for (Span.Link l : links) {
        out.add(variant(e, l));
      }
    }
    return out;
  }

  @Override
  public @Nullable Static attribute(AttributeScope scope, String name) {
    return switch (scope) {
      case RESOURCE -> find(resource.getAttributesList(), name);
      case SPAN -> find(span.getAttributesList(), name);
      case EVENT -> event == null ? null : find(event.getAttributesList(), name);
      case LINK -> link == null ? null : find(link.getAttributesList(), name);
      case INSTRUMENTATION -> find(this.scope.getAttributesList(), name);
      case NONE -> {
        Static value = find(span.getAttributesList(), name);
        yield value != null ? value : find(resource.getAttributesList(), name);
      }
    };
  }

  /** The resource's {@code service.name}, or null. */
  @Nullable String serviceName() {
    return find(resource.getAttributesList(), "service.name") instanceof Static.StringValue s
        ? s.value()
        : null;
  }

  @Override
  public @Nullable Static intrinsic(Intrinsic intrinsic) {
    return switch (intrinsic) {
      case DURATION -> new Static.DurationValue(durationNanos());
      case NAME -> new Static.StringValue(span.getName());
      case STATUS -> new Static.StatusValue(status(span.getStatus()));
      case STATUS_MESSAGE -> new Static.StringValue(span.getStatus().getMessage());
      case KIND -> new Static.KindValue(kind(span.getKind()));
      case CHILD_COUNT -> new Static.IntValue(childCount);
      case PARENT -> parentId == null ? null : new Static.BoolValue(true);
      case TRACE_DURATION -> new Static.DurationValue(trace.endNanos() - trace.startNanos());
      case ROOT_NAME ->
          trace.root() == null ? null : new Static.StringValue(trace.root().span.getName());
      case ROOT_SERVICE_NAME -> {
        ProtoSpanView root = trace.root();
        String service = root == null ? null : root.serviceName();
        yield service == null ? null : new Static.StringValue(service);
      }
      case NESTED_SET_LEFT, NESTED_SET_RIGHT, NESTED_SET_PARENT -> null;
      case SPAN_ID -> spanId.isEmpty() ? null : new Static.StringValue(spanId);
      case SPAN_PARENT_ID -> parentId == null ? null : new Static.StringValue(parentId);
      case TRACE_ID -> new Static.StringValue(trace.traceId().toHex());
      case EVENT_NAME -> event == null ? null : new Static.StringValue(event.getName());
      case EVENT_TIME_SINCE_START ->
          event == null
              ? null
              : new Static.DurationValue(event.getTimeUnixNano() - span.getStartTimeUnixNano());
      case LINK_TRACE_ID -> link == null ? null : hexValue(link.getTraceId());
      case LINK_SPAN_ID -> link == null ? null : hexValue(link.getSpanId());
      case INSTRUMENTATION_NAME -> new Static.StringValue(scope.getName());
      case INSTRUMENTATION_VERSION -> new Static.StringValue(scope.getVersion());
    };
  }

  @Override
  public @Nullable SpanView parent() {
    return parent;
  }

  long durationNanos() {
    return Math.max(0, span.getEndTimeUnixNano() - span.getStartTimeUnixNano());
  }

  boolean isError() {
    return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
  }

  static Static.StatusCode status(Status status) {
    return switch (status.getCode()) {
      case STATUS_CODE_OK -> Static.StatusCode.OK;
      case STATUS_CODE_ERROR -> Static.StatusCode.ERROR;
      default -> Static.StatusCode.UNSET;
    };
  }

  static Static.SpanKind kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_INTERNAL -> Static.SpanKind.INTERNAL;
      case SPAN_KIND_SERVER -> Static.SpanKind.SERVER;
      case SPAN_KIND_CLIENT -> Static.SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER -> Static.SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER -> Static.SpanKind.CONSUMER;
      default -> Static.SpanKind.UNSPECIFIED;
    };
  }

  /** The value of the first attribute named {@code name}, or null if none or not a scalar. */
  static @Nullable Static find(List<KeyValue> attributes, String name) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(name)) {
        return value(kv.getValue());
      }
    }
    return null;
  }

  /** A scalar OTLP value as a TraceQL value; null for arrays, maps, bytes and empty values. */
  static @Nullable Static value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> new Static.StringValue(value.getStringValue());
      case INT_VALUE -> new Static.IntValue(value.getIntValue());
      case DOUBLE_VALUE -> new Static.FloatValue(value.getDoubleValue());
      case BOOL_VALUE -> new Static.BoolValue(value.getBoolValue());
      default -> null;
    };
  }

  private static @Nullable Static hexValue(ByteString bytes) {
    String hex = hexOrNull(bytes);
    return hex == null ? null : new Static.StringValue(hex);
  }

  /** Lower-case hex of {@code bytes}, or null when they are empty or all zero. */
  static @Nullable String hexOrNull(ByteString bytes) {
    boolean zero = true;
    for (int i = 0; i < bytes.size() && zero; i++) {
      zero = bytes.byteAt(i) == 0;
    }
    return zero ? null : TraceId.hex(bytes.toByteArray());
  }
}
