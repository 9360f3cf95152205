package dev.vivace.block.vparquet4;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One trace arranged as its row (spec §5): the trace-level values, the resources and scopes after
 * re-batching (§5.8), and the spans, still as OTLP messages, in storage order with their nested-set
 * values (§5.9). Span columns are written from the messages themselves ({@link SpanShredder}).
 */
final class TraceLayout {

  private static final Comparator<Attr> BY_KEY = Comparator.comparing(Attr::key);

  byte[] traceId = new byte[0];
  long startTimeUnixNano;
  long endTimeUnixNano;
  String rootServiceName = "";
  String rootSpanName = "";

  /** Service name to {span count, error count}, sorted by name as Tempo writes it (§5.10). */
  final Map<String, int[]> serviceStats = new TreeMap<>();

  final List<ResourceEntry> resources = new ArrayList<>();

  /** The spans in storage order, and their nested-set columns, index for index. */
  final SpanTree tree = new SpanTree();

  static final class ResourceEntry {
    List<Attr> attrs = new ArrayList<>();
    int droppedAttributesCount;
    String serviceName = "";

    /** Indexed like {@link WellKnown#RESOURCE_COLUMNS}. */
    final @Nullable String[] wellKnown = new String[WellKnown.RESOURCE_COLUMNS.size()];

    final @Nullable String[] dedicated = new String[DedicatedColumnMapping.SLOTS];
    final List<ScopeEntry> scopes = new ArrayList<>();
  }

  static final class ScopeEntry {
    String name = "";
    String version = "";
    List<Attr> attrs = new ArrayList<>();
    int droppedAttributesCount;
    final List<Span> spans = new ArrayList<>();
  }

  private record ResourceKey(
      String serviceName, List<String> wellKnown, List<String> dedicated, List<Attr> attrs) {}

  private record ScopeKey(String name, String version, List<Attr> attrs) {}

  /** Arranges one trace; {@code resourceSlots} maps dedicated resource attributes to slots. */
  static TraceLayout of(
      byte[] traceId, List<ResourceSpans> batches, Map<String, Integer> resourceSlots) {
    TraceLayout t = new TraceLayout();
    t.traceId = traceId.clone();
    Span root = null;
    Resource rootResource = null;
    Map<ResourceKey, ResourceEntry> merged = new LinkedHashMap<>();
    for (ResourceSpans rs : batches) {
      ResourceEntry r = resource(rs.getResource(), resourceSlots);
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        ScopeEntry s = new ScopeEntry();
        s.name = ss.getScope().getName();
        s.version = ss.getScope().getVersion();
        s.droppedAttributesCount = ss.getScope().getDroppedAttributesCount();
        for (KeyValue kv : ss.getScope().getAttributesList()) {
          s.attrs.add(AttributeEncoder.encode(kv));
        }
        for (Span span : ss.getSpansList()) {
          s.spans.add(span);
          long start = span.getStartTimeUnixNano();
          if (t.startTimeUnixNano == 0 || Long.compareUnsigned(start, t.startTimeUnixNano) < 0) {
            t.startTimeUnixNano = start;
          }
          if (Long.compareUnsigned(span.getEndTimeUnixNano(), t.endTimeUnixNano) > 0) {
            t.endTimeUnixNano = span.getEndTimeUnixNano();
          }
          if (isRoot(span)) {
            root = span;
            rootResource = rs.getResource();
          }
        }
        r.scopes.add(s);
      }
      r.attrs = sorted(r.attrs);
      ResourceKey key =
          new ResourceKey(
              r.serviceName,
              Arrays.asList(r.wellKnown.clone()),
              Arrays.asList(r.dedicated.clone()),
              r.attrs);
      ResourceEntry first = merged.putIfAbsent(key, r);
      if (first != null) {
        first.scopes.addAll(r.scopes);
      }
    }
    if (root != null && rootResource != null) {
      t.rootSpanName = root.getName();
      t.rootServiceName = firstServiceName(rootResource);
    }
    for (ResourceEntry r : merged.values()) {
      mergeScopes(r);
      t.resources.add(r);
      int[] stats = null;
      for (ScopeEntry s : r.scopes) {
        for (Span span : s.spans) {
          if (stats == null) {
            stats = t.serviceStats.computeIfAbsent(r.serviceName, k -> new int[2]);
          }
          stats[0]++;
          if (span.getStatus().getCodeValue() == SpanTree.STATUS_ERROR) {
            stats[1]++;
          }
          t.tree.add(span);
        }
      }
    }
    t.tree.assign();
    return t;
  }

  long durationNano() {
    return endTimeUnixNano - startTimeUnixNano;
  }

  /** Merges equal scopes of one resource, keeping the first one's place (§5.8). */
  private static void mergeScopes(ResourceEntry r) {
    Map<ScopeKey, ScopeEntry> scopes = new LinkedHashMap<>();
    for (ScopeEntry s : r.scopes) {
      s.attrs = sorted(s.attrs);
      ScopeEntry first = scopes.putIfAbsent(new ScopeKey(s.name, s.version, s.attrs), s);
      if (first != null) {
        first.spans.addAll(s.spans);
      }
    }
    r.scopes.clear();
    r.scopes.addAll(scopes.values());
  }

  private static ResourceEntry resource(Resource resource, Map<String, Integer> slots) {
    ResourceEntry r = new ResourceEntry();
    r.droppedAttributesCount = resource.getDroppedAttributesCount();
    for (KeyValue kv : resource.getAttributesList()) {
      AnyValue v = kv.getValue();
      String key = kv.getKey();
      int wellKnown = WellKnown.RESOURCE_KEYS.indexOf(key);
      Integer slot;
      if (v.hasStringValue() && key.equals(WellKnown.SERVICE_NAME)) {
        r.serviceName = v.getStringValue();
      } else if (v.hasStringValue() && wellKnown >= 0) {
        r.wellKnown[wellKnown] = v.getStringValue();
      } else if (v.hasStringValue() && (slot = slots.get(key)) != null) {
        r.dedicated[slot] = v.getStringValue();
      } else {
        r.attrs.add(AttributeEncoder.encode(kv));
      }
    }
    return r;
  }

  /** Spec §5.11: no parent, and no same-trace link marked {@code child_of}. */
  static boolean isRoot(Span span) {
    if (!span.getParentSpanId().isEmpty()) {
      return false;
    }
    for (Span.Link l : span.getLinksList()) {
      if (l.getTraceId().equals(span.getTraceId())) {
        for (KeyValue kv : l.getAttributesList()) {
          if (kv.getKey().equals("opentracing.ref_type")
              && kv.getValue().hasStringValue()
              && kv.getValue().getStringValue().equals("child_of")) {
            return false;
          }
        }
      }
    }
    return true;
  }

  static String firstServiceName(Resource resource) {
    for (KeyValue kv : resource.getAttributesList()) {
      if (kv.getKey().equals(WellKnown.SERVICE_NAME)) {
        return kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : "";
      }
    }
    return "";
  }

  private static List<Attr> sorted(List<Attr> attrs) {
    List<Attr> copy = new ArrayList<>(attrs);
    copy.sort(BY_KEY);
    return copy;
  }

  /** Lower-case hex with every leading {@code 0} character removed (Tempo's TraceIDText). */
  static String trimmedHex(byte[] id) {
    String hex = dev.vivace.trace.TraceId.hex(id);
    int i = 0;
    while (i < hex.length() && hex.charAt(i) == '0') {
      i++;
    }
    return hex.substring(i);
  }
}
