package dev.vivace.block.vparquet4;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Encodes an OTLP attribute as the generic {@code Attribute} group (spec §5.6, write side). */
final class AttributeEncoder {

  static Attr encode(KeyValue kv) {
    String key = kv.getKey();
    AnyValue v = kv.getValue();
    switch (v.getValueCase()) {
      case STRING_VALUE -> {
        return scalar(key, List.of(v.getStringValue()), List.of(), List.of(), List.of());
      }
      case INT_VALUE -> {
        return scalar(key, List.of(), List.of(v.getIntValue()), List.of(), List.of());
      }
      case DOUBLE_VALUE -> {
        return scalar(key, List.of(), List.of(), List.of(v.getDoubleValue()), List.of());
      }
      case BOOL_VALUE -> {
        return scalar(key, List.of(), List.of(), List.of(), List.of(v.getBoolValue()));
      }
      case ARRAY_VALUE -> {
        Attr array = array(key, v.getArrayValue().getValuesList());
        if (array != null) {
          return array;
        }
      }
      default -> {}
    }
    return new Attr(key, false, List.of(), List.of(), List.of(), List.of(), AnyValueJson.write(v));
  }

  private static Attr scalar(
      String key, List<String> s, List<Long> i, List<Double> d, List<Boolean> b) {
    return new Attr(key, false, s, i, d, b, null);
  }

  /** Returns the typed array form, or null when the array needs the unsupported form. */
  private static @Nullable Attr array(String key, List<AnyValue> values) {
    List<String> s = new ArrayList<>();
    List<Long> i = new ArrayList<>();
    List<Double> d = new ArrayList<>();
    List<Boolean> b = new ArrayList<>();
    if (values.isEmpty()) {
      return new Attr(key, true, s, i, d, b, null);
    }
    AnyValue.ValueCase type = values.get(0).getValueCase();
    for (AnyValue e : values) {
      if (e.getValueCase() != type) {
        return null;
      }
      switch (type) {
        case STRING_VALUE -> s.add(e.getStringValue());
        case INT_VALUE -> i.add(e.getIntValue());
        case DOUBLE_VALUE -> d.add(e.getDoubleValue());
        case BOOL_VALUE -> b.add(e.getBoolValue());
        default -> {
          return null;
        }
      }
    }
    return new Attr(key, true, s, i, d, b, null);
  }

  private AttributeEncoder() {}
}
