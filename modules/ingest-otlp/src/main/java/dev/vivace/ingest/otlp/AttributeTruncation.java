package dev.vivace.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Truncates attribute keys and string values longer than {@code distributor.max_attribute_bytes} on
 * resources, scopes, spans, events and links, as Tempo's distributor does, instead of refusing
 * them. Truncation never splits a UTF-8 character.
 */
final class AttributeTruncation {

  static List<ResourceSpans> truncate(List<ResourceSpans> batches, int maxBytes) {
    if (maxBytes == 0 || !anyTooLong(batches, maxBytes)) {
      return batches;
    }
    List<ResourceSpans> out = new ArrayList<>(batches.size());
    for (ResourceSpans rs : batches) {
      ResourceSpans.Builder b = rs.toBuilder();
      truncateAll(b.getResourceBuilder().getAttributesBuilderList(), maxBytes);
      for (ScopeSpans.Builder ss : b.getScopeSpansBuilderList()) {
        truncateAll(ss.getScopeBuilder().getAttributesBuilderList(), maxBytes);
        for (Span.Builder span : ss.getSpansBuilderList()) {
          truncateAll(span.getAttributesBuilderList(), maxBytes);
          for (Span.Event.Builder event : span.getEventsBuilderList()) {
            truncateAll(event.getAttributesBuilderList(), maxBytes);
          }
          for (Span.Link.Builder link : span.getLinksBuilderList()) {
            truncateAll(link.getAttributesBuilderList(), maxBytes);
          }
        }
      }
      out.add(b.build());
    }
    return out;
  }

  private static void truncateAll(List<KeyValue.Builder> attributes, int maxBytes) {
    for (KeyValue.Builder kv : attributes) {
      if (tooLong(kv.getKey(), maxBytes)) {
        kv.setKey(cut(kv.getKey(), maxBytes));
      }
      AnyValue value = kv.getValue();
      if (value.hasStringValue() && tooLong(value.getStringValue(), maxBytes)) {
        kv.setValue(AnyValue.newBuilder().setStringValue(cut(value.getStringValue(), maxBytes)));
      }
    }
  }

  private static boolean anyTooLong(List<ResourceSpans> batches, int maxBytes) {
    for (ResourceSpans rs : batches) {
      if (anyLong(rs.getResource().getAttributesList(), maxBytes)) {
        return true;
      }
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        if (anyLong(ss.getScope().getAttributesList(), maxBytes)) {
          return true;
        }
        for (Span span : ss.getSpansList()) {
          if (anyLong(span.getAttributesList(), maxBytes)) {
            return true;
          }
          for (Span.Event event : span.getEventsList()) {
            if (anyLong(event.getAttributesList(), maxBytes)) {
              return true;
            }
          }
          for (Span.Link link : span.getLinksList()) {
            if (anyLong(link.getAttributesList(), maxBytes)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static boolean anyLong(List<KeyValue> attributes, int maxBytes) {
    for (KeyValue kv : attributes) {
      if (tooLong(kv.getKey(), maxBytes)
          || (kv.getValue().hasStringValue()
              && tooLong(kv.getValue().getStringValue(), maxBytes))) {
        return true;
      }
    }
    return false;
  }

  /** Cheap check first: a string of at most maxBytes / 3 chars cannot exceed maxBytes in UTF-8. */
  private static boolean tooLong(String s, int maxBytes) {
    if (s.length() * 3 <= maxBytes) {
      return false;
    }
    return s.length() > maxBytes || utf8Length(s) > maxBytes;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  static String cut(String s, int maxBytes) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int end = maxBytes;
    // Step back over continuation bytes so no character is split.
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8);
  }

  private AttributeTruncation() {}
}
