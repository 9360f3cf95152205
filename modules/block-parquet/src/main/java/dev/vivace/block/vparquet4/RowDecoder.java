package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.GroupLists.bytes;
import static dev.vivace.block.vparquet4.GroupLists.group;
import static dev.vivace.block.vparquet4.GroupLists.int32;
import static dev.vivace.block.vparquet4.GroupLists.int64;
import static dev.vivace.block.vparquet4.GroupLists.list;
import static dev.vivace.block.vparquet4.GroupLists.optString;
import static dev.vivace.block.vparquet4.GroupLists.string;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/** Converts one stored row back to OTLP, as Tempo does when returning a trace (spec §5.12). */
final class RowDecoder {

  private final DedicatedColumnMapping dedicated;
  private final boolean vParquet3;

  /** A decoder of vParquet4 rows. */
  RowDecoder(DedicatedColumnMapping dedicated) {
    this(dedicated, false);
  }

  /**
   * A decoder of vParquet4 rows, or of vParquet3 rows when {@code vParquet3} (their attributes,
   * events and links are stored otherwise: {@link VParquet3}).
   */
  RowDecoder(DedicatedColumnMapping dedicated, boolean vParquet3) {
    this.dedicated = dedicated;
    this.vParquet3 = vParquet3;
  }

  /** The decoder for the rows of a block of {@code format} (its {@code meta.json} format). */
  static RowDecoder of(String format, DedicatedColumnMapping dedicated) {
    return new RowDecoder(dedicated, format.equals(VParquet3.VERSION));
  }

  /** The columns of {@code fileSchema} a trace is rebuilt from. */
  MessageType projection(MessageType fileSchema) {
    return vParquet3 ? fileSchema : TraceSchema.projection(fileSchema, TraceSchema.DERIVED);
  }

  /** The trace stored in {@code row}, read with {@link #projection}. */
  List<ResourceSpans> decode(Group row) {
    ByteString traceId = ByteString.copyFrom(bytes(row, "TraceID"));
    List<ResourceSpans> out = new ArrayList<>();
    for (Group rs : list(row, "rs")) {
      ResourceSpans.Builder b = ResourceSpans.newBuilder();
      Group res = group(rs, "Resource");
      b.setResource(res == null ? Resource.getDefaultInstance() : resource(res));
      for (Group ss : list(rs, "ss")) {
        b.addScopeSpans(scopeSpans(ss, traceId));
      }
      out.add(b.build());
    }
    return out;
  }

  private Resource resource(Group res) {
    Resource.Builder b = Resource.newBuilder();
    b.addAllAttributes(attributes(res));
    addDedicated(group(res, "DedicatedAttributes"), dedicated.resource(), b::addAttributes);
    String service = string(res, "ServiceName");
    if (!service.isEmpty()) {
      b.addAttributes(stringAttr("service.name", service));
    }
    for (int i = 0; i < WellKnown.RESOURCE_COLUMNS.size(); i++) {
      String v = optString(res, WellKnown.RESOURCE_COLUMNS.get(i));
      if (v != null) {
        b.addAttributes(stringAttr(WellKnown.RESOURCE_KEYS.get(i), v));
      }
    }
    b.setDroppedAttributesCount(int32(res, "DroppedAttributesCount"));
    return b.build();
  }

  private ScopeSpans scopeSpans(Group ss, ByteString traceId) {
    ScopeSpans.Builder b = ScopeSpans.newBuilder();
    Group scope = group(ss, "Scope");
    InstrumentationScope.Builder s = InstrumentationScope.newBuilder();
    if (scope != null) {
      s.setName(string(scope, "Name"))
          .setVersion(string(scope, "Version"))
          .addAllAttributes(attributes(scope))
          .setDroppedAttributesCount(int32(scope, "DroppedAttributesCount"));
    }
    b.setScope(s);
    for (Group span : list(ss, "Spans")) {
      b.addSpans(span(span, traceId));
    }
    return b.build();
  }

  private Span span(Group g, ByteString traceId) {
    long start = int64(g, "StartTimeUnixNano");
    Span.Builder b = spanFields(g, traceId);
    b.addAllAttributes(attributes(g));
    addDedicated(group(g, "DedicatedAttributes"), dedicated.span(), b::addAttributes);
    addWellKnown(g, b);
    if (vParquet3) {
      VParquet3.addEventsAndLinks(g, b);
      return b.build();
    }
    for (Group e : list(g, "Events")) {
      b.addEvents(
          Span.Event.newBuilder()
              .setTimeUnixNano(start + int64(e, "TimeSinceStartNano"))
              .setName(string(e, "Name"))
              .addAllAttributes(AttributeCodec.decodeAll(list(e, "Attrs")))
              .setDroppedAttributesCount(int32(e, "DroppedAttributesCount")));
    }
    for (Group l : list(g, "Links")) {
      b.addLinks(
          Span.Link.newBuilder()
              .setTraceId(ByteString.copyFrom(bytes(l, "TraceID")))
              .setSpanId(ByteString.copyFrom(bytes(l, "SpanID")))
              .setTraceState(string(l, "TraceState"))
              .addAllAttributes(AttributeCodec.decodeAll(list(l, "Attrs")))
              .setDroppedAttributesCount(int32(l, "DroppedAttributesCount")));
    }
    return b.build();
  }

  /** The attributes of the generic {@code Attrs} list of {@code parent}. */
  private List<KeyValue> attributes(Group parent) {
    return vParquet3
        ? VParquet3.attributes(list(parent, "Attrs"))
        : AttributeCodec.decodeAll(list(parent, "Attrs"));
  }

  /**
   * A span with the fields both vParquet4 and vParquet3 store in columns of the same names: IDs,
   * name, kind, trace state, times, status and dropped counts.
   */
  private static Span.Builder spanFields(Group g, ByteString traceId) {
    long start = int64(g, "StartTimeUnixNano");
    return Span.newBuilder()
        .setTraceId(traceId)
        .setSpanId(ByteString.copyFrom(bytes(g, "SpanID")))
        .setParentSpanId(ByteString.copyFrom(bytes(g, "ParentSpanID")))
        .setName(string(g, "Name"))
        .setKindValue((int) int64(g, "Kind"))
        .setTraceState(string(g, "TraceState"))
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + int64(g, "DurationNano"))
        .setStatus(
            Status.newBuilder()
                .setCodeValue((int) int64(g, "StatusCode"))
                .setMessage(string(g, "StatusMessage")))
        .setDroppedAttributesCount(int32(g, "DroppedAttributesCount"))
        .setDroppedEventsCount(int32(g, "DroppedEventsCount"))
        .setDroppedLinksCount(int32(g, "DroppedLinksCount"));
  }

  /** Adds the span's well-known columns ({@code http.method}, {@code http.url}, status code). */
  private static void addWellKnown(Group g, Span.Builder b) {
    String method = optString(g, "HttpMethod");
    if (method != null) {
      b.addAttributes(stringAttr("http.method", method));
    }
    String url = optString(g, "HttpUrl");
    if (url != null) {
      b.addAttributes(stringAttr("http.url", url));
    }
    if (GroupLists.has(g, "HttpStatusCode")) {
      b.addAttributes(
          KeyValue.newBuilder()
              .setKey("http.status_code")
              .setValue(AnyValue.newBuilder().setIntValue(g.getLong("HttpStatusCode", 0))));
    }
  }

  /** Adds one string attribute per non-null spare column, in mapping order. */
  private static void addDedicated(
      @Nullable Group columns, List<String> names, Consumer<KeyValue> add) {
    for (int i = 0; i < names.size(); i++) {
      String v = optString(columns, DedicatedColumnMapping.columnName(i));
      if (v != null) {
        add.accept(stringAttr(names.get(i), v));
      }
    }
  }

  static KeyValue stringAttr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
