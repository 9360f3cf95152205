package dev.vivace.block.vparquet4;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * The protobuf-JSON form of an OTLP {@link AnyValue}, stored in {@code ValueUnsupported} for values
 * the typed attribute columns cannot hold (kvlists, bytes, mixed arrays, empty values).
 */
final class AnyValueJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  static String write(AnyValue value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, AnyValue v) throws IOException {
    g.writeStartObject();
    switch (v.getValueCase()) {
      case STRING_VALUE -> g.writeStringField("stringValue", v.getStringValue());
      case BOOL_VALUE -> g.writeBooleanField("boolValue", v.getBoolValue());
      case INT_VALUE -> g.writeStringField("intValue", Long.toString(v.getIntValue()));
      case DOUBLE_VALUE -> writeDouble(g, v.getDoubleValue());
      case BYTES_VALUE ->
          g.writeStringField(
              "bytesValue", Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
      case ARRAY_VALUE -> {
        g.writeObjectFieldStart("arrayValue");
        g.writeArrayFieldStart("values");
        for (AnyValue e : v.getArrayValue().getValuesList()) {
          write(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      case KVLIST_VALUE -> {
        g.writeObjectFieldStart("kvlistValue");
        g.writeArrayFieldStart("values");
        for (KeyValue kv : v.getKvlistValue().getValuesList()) {
          g.writeStartObject();
          g.writeStringField("key", kv.getKey());
          g.writeFieldName("value");
          write(g, kv.getValue());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      default -> {}
    }
    g.writeEndObject();
  }

  private static void writeDouble(JsonGenerator g, double d) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      g.writeStringField("doubleValue", Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
    } else {
      g.writeNumberField("doubleValue", d);
    }
  }

  /**
   * Parses protobuf-JSON (any whitespace, int64 as string or number).
   *
   * @throws IllegalArgumentException if it is not an AnyValue
   */
  static AnyValue parse(String json) {
    try {
      return parse(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("ValueUnsupported is not JSON: " + json, e);
    }
  }

  /**
   * Parses {@code json}, the protobuf JSON of the message of AnyValue field {@code field} (such as
   * {@code kvlistValue}), as that AnyValue.
   *
   * @throws IllegalArgumentException if it is not such JSON
   */
  static AnyValue parseAs(String field, String json) {
    try {
      return parse(MAPPER.createObjectNode().set(field, MAPPER.readTree(json)));
    } catch (IOException e) {
      throw new IllegalArgumentException(field + " is not JSON", e);
    }
  }

  private static AnyValue parse(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("expected an AnyValue object, got " + n);
    }
    AnyValue.Builder b = AnyValue.newBuilder();
    for (Map.Entry<String, JsonNode> f : n.properties()) {
      JsonNode v = f.getValue();
      switch (f.getKey()) {
        case "stringValue", "string_value" -> b.setStringValue(v.asText());
        case "boolValue", "bool_value" -> b.setBoolValue(v.asBoolean());
        case "intValue", "int_value" -> b.setIntValue(Long.parseLong(v.asText()));
        case "doubleValue", "double_value" -> b.setDoubleValue(Double.parseDouble(v.asText()));
        case "bytesValue", "bytes_value" ->
            b.setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(v.asText())));
        case "arrayValue", "array_value" -> {
          ArrayValue.Builder a = ArrayValue.newBuilder();
          for (JsonNode e : v.path("values")) {
            a.addValues(parse(e));
          }
          b.setArrayValue(a);
        }
        case "kvlistValue", "kvlist_value" -> {
          KeyValueList.Builder l = KeyValueList.newBuilder();
          for (JsonNode e : v.path("values")) {
            KeyValue.Builder kv = KeyValue.newBuilder().setKey(e.path("key").asText());
            if (e.has("value")) {
              kv.setValue(parse(e.get("value")));
            }
            l.addValues(kv);
          }
          b.setKvlistValue(l);
        }
        default -> {} // unknown fields are ignored, as protojson does with DiscardUnknown
      }
    }
    return b.build();
  }

  private AnyValueJson() {}
}
