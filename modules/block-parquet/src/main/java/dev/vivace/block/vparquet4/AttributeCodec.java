package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.GroupLists.bool;
import static dev.vivace.block.vparquet4.GroupLists.optString;
import static dev.vivace.block.vparquet4.GroupLists.string;
import static dev.vivace.block.vparquet4.GroupLists.values;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;

/** Decodes the generic {@code Attribute} group (spec §5.6, read side). */
final class AttributeCodec {

  static List<KeyValue> decodeAll(List<Group> attrs) {
    List<KeyValue> out = new ArrayList<>(attrs.size());
    for (Group a : attrs) {
      out.add(decode(a));
    }
    return out;
  }

  static KeyValue decode(Group a) {
    KeyValue.Builder kv = KeyValue.newBuilder().setKey(string(a, "Key"));
    List<AnyValue> typed = firstNonEmpty(a);
    if (bool(a, "IsArray")) {
      kv.setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(typed)));
    } else if (!typed.isEmpty()) {
      kv.setValue(typed.get(0));
    } else {
      String json = optString(a, "ValueUnsupported");
      kv.setValue(json == null ? AnyValue.getDefaultInstance() : AnyValueJson.parse(json));
    }
    return kv.build();
  }

  /** The values of the first non-empty list among Value, ValueInt, ValueDouble, ValueBool. */
  private static List<AnyValue> firstNonEmpty(Group a) {
    List<AnyValue> out = new ArrayList<>();
    for (String s : values(a, "Value", Group::getString)) {
      out.add(AnyValue.newBuilder().setStringValue(s).build());
    }
    if (out.isEmpty()) {
      for (long i : values(a, "ValueInt", Group::getLong)) {
        out.add(AnyValue.newBuilder().setIntValue(i).build());
      }
    }
    if (out.isEmpty()) {
      for (double d : values(a, "ValueDouble", Group::getDouble)) {
        out.add(AnyValue.newBuilder().setDoubleValue(d).build());
      }
    }
    if (out.isEmpty()) {
      for (boolean b : values(a, "ValueBool", Group::getBoolean)) {
        out.add(AnyValue.newBuilder().setBoolValue(b).build());
      }
    }
    return out;
  }

  private AttributeCodec() {}
}
