package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.Leaves.SPANS;
import static dev.vivace.block.vparquet4.Leaves.bytes;
import static dev.vivace.block.vparquet4.Leaves.leaf;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes one element of the {@code Spans} list (spec §5.3 to §5.7) straight from the OTLP span: the
 * span's required leaves have repetition level 3 and definition level 3.
 */
final class SpanShredder {

  private static final int D = 3;
  private static final int SPAN_ID = leaf(SPANS + "SpanID");
  private static final int PARENT_SPAN_ID = leaf(SPANS + "ParentSpanID");
  private static final int PARENT_ID = leaf(SPANS + "ParentID");
  private static final int NESTED_SET_LEFT = leaf(SPANS + "NestedSetLeft");
  private static final int NESTED_SET_RIGHT = leaf(SPANS + "NestedSetRight");
  private static final int NAME = leaf(SPANS + "Name");
  private static final int KIND = leaf(SPANS + "Kind");
  private static final int TRACE_STATE = leaf(SPANS + "TraceState");
  private static final int START = leaf(SPANS + "StartTimeUnixNano");
  private static final int DURATION = leaf(SPANS + "DurationNano");
  private static final int STATUS_CODE = leaf(SPANS + "StatusCode");
  private static final int STATUS_MESSAGE = leaf(SPANS + "StatusMessage");
  private static final int DROPPED_ATTRIBUTES = leaf(SPANS + "DroppedAttributesCount");
  private static final String EVENT = SPANS + "Events.list.element.";
  private static final int EVENTS = leaf(EVENT + "TimeSinceStartNano");
  private static final int EVENT_NAME = leaf(EVENT + "Name");
  private static final int EVENT_DROPPED_ATTRIBUTES = leaf(EVENT + "DroppedAttributesCount");
  private static final int DROPPED_EVENTS = leaf(SPANS + "DroppedEventsCount");
  private static final String LINK = SPANS + "Links.list.element.";
  private static final int LINKS = leaf(LINK + "TraceID");
  private static final int LINK_SPAN_ID = leaf(LINK + "SpanID");
  private static final int LINK_TRACE_STATE = leaf(LINK + "TraceState");
  private static final int LINK_DROPPED_ATTRIBUTES = leaf(LINK + "DroppedAttributesCount");
  private static final int DROPPED_LINKS = leaf(SPANS + "DroppedLinksCount");
  private static final int HTTP_METHOD = leaf(SPANS + "HttpMethod");
  private static final int HTTP_URL = leaf(SPANS + "HttpUrl");
  private static final int HTTP_STATUS_CODE = leaf(SPANS + "HttpStatusCode");
  private static final int DEDICATED = leaf(SPANS + "DedicatedAttributes.String01");

  private final ColumnFileWriter out;
  private final StringBinaries strings;
  private final CachedNulls nulls;
  private final int eventList;
  private final int linkList;
  private final Map<String, Integer> slots;
  private final AttrShredder attrs;
  private final AttrShredder eventAttrs;
  private final AttrShredder linkAttrs;
  private final @Nullable String[] dedicated = new String[DedicatedColumnMapping.SLOTS];

  /** {@code slots} maps dedicated span attributes to their slots. */
  SpanShredder(ColumnFileWriter out, StringBinaries strings, Map<String, Integer> slots) {
    this.out = out;
    this.strings = strings;
    this.nulls = out.nulls();
    this.eventList = nulls.group(SPANS + "Events.list");
    this.linkList = nulls.group(SPANS + "Links.list");
    this.slots = slots;
    this.attrs = new AttrShredder(out, strings, SPANS + "Attrs");
    this.eventAttrs = new AttrShredder(out, strings, EVENT + "Attrs");
    this.linkAttrs = new AttrShredder(out, strings, LINK + "Attrs");
  }

  /** Writes span {@code i} of {@code tree}; each leaf's first value repeats at level {@code r}. */
  void write(SpanTree tree, int i, int r) {
    Span s = tree.span(i);
    out.column(SPAN_ID).write(bytes(s.getSpanId()), r, D);
    out.column(PARENT_SPAN_ID).write(bytes(s.getParentSpanId()), r, D);
    out.column(PARENT_ID).write(tree.parentId[i], r, D);
    out.column(NESTED_SET_LEFT).write(tree.left[i], r, D);
    out.column(NESTED_SET_RIGHT).write(tree.right[i], r, D);
    out.column(NAME).write(strings.of(s.getName()), r, D);
    out.column(KIND).write((long) s.getKindValue(), r, D);
    out.column(TRACE_STATE).write(strings.of(s.getTraceState()), r, D);
    out.column(START).write(s.getStartTimeUnixNano(), r, D);
    out.column(DURATION).write(s.getEndTimeUnixNano() - s.getStartTimeUnixNano(), r, D);
    out.column(STATUS_CODE).write((long) s.getStatus().getCodeValue(), r, D);
    out.column(STATUS_MESSAGE).write(strings.of(s.getStatus().getMessage()), r, D);
    String httpMethod = null;
    String httpUrl = null;
    boolean hasStatusCode = false;
    long httpStatusCode = 0;
    Arrays.fill(dedicated, null);
    int generic = 0;
    for (KeyValue kv : s.getAttributesList()) {
      AnyValue v = kv.getValue();
      String key = kv.getKey();
      Integer slot;
      if (v.hasStringValue() && key.equals(WellKnown.HTTP_METHOD)) {
        httpMethod = v.getStringValue();
      } else if (v.hasStringValue() && key.equals(WellKnown.HTTP_URL)) {
        httpUrl = v.getStringValue();
      } else if (v.hasIntValue() && key.equals(WellKnown.HTTP_STATUS_CODE)) {
        hasStatusCode = true;
        httpStatusCode = v.getIntValue();
      } else if (v.hasStringValue() && (slot = slots.get(key)) != null) {
        dedicated[slot] = v.getStringValue();
      } else {
        attrs.write(kv, generic++ == 0 ? r : D + 1);
      }
    }
    if (generic == 0) {
      attrs.empty(r);
    }
    out.column(DROPPED_ATTRIBUTES).write(s.getDroppedAttributesCount(), r, D);
    events(s, r);
    out.column(DROPPED_EVENTS).write(s.getDroppedEventsCount(), r, D);
    links(s.getLinksList(), r);
    out.column(DROPPED_LINKS).write(s.getDroppedLinksCount(), r, D);
    optional(HTTP_METHOD, httpMethod, r);
    optional(HTTP_URL, httpUrl, r);
    if (hasStatusCode) {
      out.column(HTTP_STATUS_CODE).write(httpStatusCode, r, D + 1);
    } else {
      out.column(HTTP_STATUS_CODE).writeNull(r, D);
    }
    for (int k = 0; k < dedicated.length; k++) {
      optional(DEDICATED + k, dedicated[k], r);
    }
  }

  private void events(Span s, int r) {
    List<Span.Event> events = s.getEventsList();
    if (events.isEmpty()) {
      nulls.add(eventList, r);
      return;
    }
    nulls.start(eventList);
    int d = D + 1;
    for (int k = 0; k < events.size(); k++) {
      Span.Event e = events.get(k);
      int re = k == 0 ? r : d;
      out.column(EVENTS).write(e.getTimeUnixNano() - s.getStartTimeUnixNano(), re, d);
      out.column(EVENT_NAME).write(strings.of(e.getName()), re, d);
      eventAttrs.writeAll(e.getAttributesList(), re);
      out.column(EVENT_DROPPED_ATTRIBUTES).write(e.getDroppedAttributesCount(), re, d);
    }
  }

  private void links(List<Span.Link> links, int r) {
    if (links.isEmpty()) {
      nulls.add(linkList, r);
      return;
    }
    nulls.start(linkList);
    int d = D + 1;
    for (int k = 0; k < links.size(); k++) {
      Span.Link l = links.get(k);
      int rl = k == 0 ? r : d;
      out.column(LINKS).write(bytes(l.getTraceId()), rl, d);
      out.column(LINK_SPAN_ID).write(bytes(l.getSpanId()), rl, d);
      out.column(LINK_TRACE_STATE).write(strings.of(l.getTraceState()), rl, d);
      linkAttrs.writeAll(l.getAttributesList(), rl);
      out.column(LINK_DROPPED_ATTRIBUTES).write(l.getDroppedAttributesCount(), rl, d);
    }
  }

  private void optional(int column, @Nullable String value, int r) {
    ColumnWriter w = out.column(column);
    if (value == null) {
      w.writeNull(r, D);
    } else {
      w.write(strings.of(value), r, D + 1);
    }
  }
}
