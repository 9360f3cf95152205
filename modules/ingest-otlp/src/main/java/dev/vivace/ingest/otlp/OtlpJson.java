package dev.vivace.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * OTLP/JSON, which is not plain proto3 JSON: trace and span IDs are hex, enums may be integers or
 * names, keys may be lowerCamelCase or snake_case, 64-bit integers may be strings or numbers, and
 * unknown fields are ignored.
 */
final class OtlpJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  /**
   * Parses an OTLP/JSON export request.
   *
   * @throws IllegalArgumentException with a message for the client when the body is not OTLP/JSON
   */
  static ExportTraceServiceRequest parse(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("invalid OTLP/JSON: the body must be a JSON object");
    }
    for (JsonNode rs : elements(root, "resourceSpans", "resource_spans")) {
      for (JsonNode ss : elements(rs, "scopeSpans", "scope_spans")) {
        for (JsonNode span : elements(ss, "spans", "spans")) {
          if (!span.isObject()) {
            continue;
          }
          ObjectNode s = (ObjectNode) span;
          hexToBase64(s, "traceId", "trace_id", 16);
          hexToBase64(s, "spanId", "span_id", 8);
          hexToBase64(s, "parentSpanId", "parent_span_id", 8);
          enumValue(s, "kind", Span.SpanKind.getDescriptor());
          JsonNode status = s.get("status");
          if (status instanceof ObjectNode objectNode) {
            enumValue(objectNode, "code", Status.StatusCode.getDescriptor());
          }
          for (JsonNode link : elements(s, "links", "links")) {
            if (link instanceof ObjectNode objectNode) {
              hexToBase64(objectNode, "traceId", "trace_id", 16);
              hexToBase64(objectNode, "spanId", "span_id", 8);
            }
          }
        }
      }
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    try {
      PARSER.merge(MAPPER.writeValueAsString(root), request);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new IllegalArgumentException("invalid OTLP/JSON: " + firstLine(e.getMessage()));
    }
    return request.build();
  }

  static String print(ExportTraceServiceResponse response) {
    try {
      return PRINTER.print(response);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Iterable<JsonNode> elements(JsonNode parent, String name, String snakeName) {
    JsonNode node = parent.get(name);
    if (node == null) {
      node = parent.get(snakeName);
    }
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("invalid OTLP/JSON: '" + name + "' must be an array");
    }
    return node;
  }

  private static void hexToBase64(ObjectNode node, String name, String snakeName, int size) {
    String key = node.has(name) ? name : snakeName;
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("invalid OTLP/JSON: '" + name + "' must be a hex string");
    }
    String hex = value.textValue();
    if (hex.isEmpty()) {
      node.remove(key);
      return;
    }
    if (hex.length() % 2 != 0 || !isHex(hex)) {
      throw new IllegalArgumentException(
          "invalid OTLP/JSON: '"
              + name
              + "' must be "
              + size * 2
              + " hex digits, got '"
              + abbreviate(hex)
              + "'");
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] =
          (byte)
              ((Character.digit(hex.charAt(2 * i), 16) << 4)
                  | Character.digit(hex.charAt(2 * i + 1), 16));
    }
    node.remove(key);
    node.put(name, Base64.getEncoder().encodeToString(bytes));
  }

  private static void enumValue(
      ObjectNode node, String name, com.google.protobuf.Descriptors.EnumDescriptor type) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      return;
    }
    String text = value.textValue();
    if (type.findValueByName(text) == null
        && type.findValueByName(text.toUpperCase(Locale.ROOT)) == null) {
      throw new IllegalArgumentException(
          "invalid OTLP/JSON: unknown " + type.getName() + " '" + abbreviate(text) + "'");
    }
    if (type.findValueByName(text) == null) {
      node.put(name, text.toUpperCase(Locale.ROOT));
    }
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable body";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private OtlpJson() {}
}
