package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.Leaves.RS;
import static dev.vivace.block.vparquet4.Leaves.SS;
import static dev.vivace.block.vparquet4.Leaves.leaf;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.jspecify.annotations.Nullable;

/**
 * Writes each {@link TraceLayout} as one row, computing every value's repetition and definition
 * level from the layout itself (Dremel shredding of the schema of spec §4.5) and handing it to the
 * leaf's column writer. Each leaf receives exactly the values, in the same order, that parquet's
 * record shredding would give it for the same row.
 */
final class TraceShredder {

  private static final int TRACE_ID = leaf("TraceID");
  private static final int TRACE_ID_TEXT = leaf("TraceIDText");
  private static final int START = leaf("StartTimeUnixNano");
  private static final int END = leaf("EndTimeUnixNano");
  private static final int DURATION = leaf("DurationNano");
  private static final int ROOT_SERVICE_NAME = leaf("RootServiceName");
  private static final int ROOT_SPAN_NAME = leaf("RootSpanName");
  private static final int STATS_KEY = leaf("ServiceStats.key_value.key");
  private static final int STATS_SPANS = leaf("ServiceStats.key_value.value.SpanCount");
  private static final int STATS_ERRORS = leaf("ServiceStats.key_value.value.ErrorCount");
  private static final int RESOURCE_DROPPED = leaf(RS + "Resource.DroppedAttributesCount");
  private static final int SERVICE_NAME = leaf(RS + "Resource.ServiceName");
  private static final int WELL_KNOWN = leaf(RS + "Resource." + WellKnown.RESOURCE_COLUMNS.get(0));
  private static final int RESOURCE_DEDICATED = leaf(RS + "Resource.DedicatedAttributes.String01");
  private static final int SCOPES = leaf(SS + "Scope.Name");
  private static final int SCOPE_VERSION = leaf(SS + "Scope.Version");
  private static final int SCOPE_DROPPED = leaf(SS + "Scope.DroppedAttributesCount");

  private final ColumnFileWriter out;
  private final StringBinaries strings = new StringBinaries();
  private final CachedNulls nulls;
  private final int statsList;
  private final int resourceList;
  private final int scopeList;
  private final int spanList;
  private final AttrShredder resourceAttrs;
  private final AttrShredder scopeAttrs;
  private final SpanShredder spans;

  TraceShredder(ColumnFileWriter out, Map<String, Integer> spanSlots) {
    this.out = out;
    this.nulls = out.nulls();
    this.statsList = nulls.group("ServiceStats.key_value");
    this.resourceList = nulls.group("rs.list");
    this.scopeList = nulls.group(RS + "ss.list");
    this.spanList = nulls.group(SS + "Spans.list");
    this.resourceAttrs = new AttrShredder(out, strings, RS + "Resource.Attrs");
    this.scopeAttrs = new AttrShredder(out, strings, SS + "Scope.Attrs");
    this.spans = new SpanShredder(out, strings, spanSlots);
  }

  /** Writes {@code t} as the next row. */
  void write(TraceLayout t) throws IOException {
    out.column(TRACE_ID).write(Binary.fromConstantByteArray(t.traceId), 0, 0);
    out.column(TRACE_ID_TEXT).write(strings.of(TraceLayout.trimmedHex(t.traceId)), 0, 0);
    out.column(START).write(t.startTimeUnixNano, 0, 0);
    out.column(END).write(t.endTimeUnixNano, 0, 0);
    out.column(DURATION).write(t.durationNano(), 0, 0);
    out.column(ROOT_SERVICE_NAME).write(strings.of(t.rootServiceName), 0, 0);
    out.column(ROOT_SPAN_NAME).write(strings.of(t.rootSpanName), 0, 0);
    serviceStats(t.serviceStats);
    List<TraceLayout.ResourceEntry> resources = t.resources;
    if (resources.isEmpty()) {
      nulls.add(resourceList, 0);
    } else {
      nulls.start(resourceList);
    }
    int span = 0;
    for (int i = 0; i < resources.size(); i++) {
      span = resource(resources.get(i), t.tree, span, i == 0 ? 0 : 1);
    }
    out.endRecord();
  }

  private void serviceStats(Map<String, int[]> stats) {
    if (stats.isEmpty()) {
      nulls.add(statsList, 0);
      return;
    }
    nulls.start(statsList);
    int r = 0;
    for (Map.Entry<String, int[]> e : stats.entrySet()) {
      out.column(STATS_KEY).write(strings.of(e.getKey()), r, 1);
      out.column(STATS_SPANS).write(e.getValue()[0], r, 1);
      out.column(STATS_ERRORS).write(e.getValue()[1], r, 1);
      r = 1;
    }
  }

  /** Writes a resource at definition level 1; returns the storage position of its next span. */
  private int resource(TraceLayout.ResourceEntry res, SpanTree tree, int span, int r) {
    resourceAttrs.writeEncoded(res.attrs, r);
    out.column(RESOURCE_DROPPED).write(res.droppedAttributesCount, r, 1);
    out.column(SERVICE_NAME).write(strings.of(res.serviceName), r, 1);
    optional(WELL_KNOWN, res.wellKnown, r, 1);
    optional(RESOURCE_DEDICATED, res.dedicated, r, 1);
    if (res.scopes.isEmpty()) {
      nulls.add(scopeList, r);
    } else {
      nulls.start(scopeList);
    }
    for (int i = 0; i < res.scopes.size(); i++) {
      TraceLayout.ScopeEntry s = res.scopes.get(i);
      int rs = i == 0 ? r : 2;
      out.column(SCOPES).write(strings.of(s.name), rs, 2);
      out.column(SCOPE_VERSION).write(strings.of(s.version), rs, 2);
      scopeAttrs.writeEncoded(s.attrs, rs);
      out.column(SCOPE_DROPPED).write(s.droppedAttributesCount, rs, 2);
      if (s.spans.isEmpty()) {
        nulls.add(spanList, rs);
      } else {
        nulls.start(spanList);
      }
      for (int k = 0; k < s.spans.size(); k++) {
        spans.write(tree, span++, k == 0 ? rs : 3);
      }
    }
    return span;
  }

  /** Optional string leaves {@code first}, {@code first + 1}, … of a group at level {@code d}. */
  private void optional(int first, @Nullable String[] values, int r, int d) {
    for (int i = 0; i < values.length; i++) {
      ColumnWriter w = out.column(first + i);
      String v = values[i];
      if (v == null) {
        w.writeNull(r, d);
      } else {
        w.write(strings.of(v), r, d + 1);
      }
    }
  }
}
