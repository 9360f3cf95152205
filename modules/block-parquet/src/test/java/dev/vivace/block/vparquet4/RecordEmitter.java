package dev.vivace.block.vparquet4;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.jspecify.annotations.Nullable;

/** Writes fields by name to a {@link RecordConsumer}, resolving field indexes from the schema. */
final class RecordEmitter {

  /** Writes the content of one group. */
  interface Body {
    void write();
  }

  /** Writes one list element. */
  interface ElementWriter<T> {
    void write(T element);
  }

  private final RecordConsumer out;
  private final Deque<GroupType> types = new ArrayDeque<>();

  RecordEmitter(RecordConsumer out, GroupType root) {
    this.out = out;
    types.push(root);
  }

  private int index(String field) {
    return types.peek().getFieldIndex(field);
  }

  void binary(String field, byte[] value) {
    int i = index(field);
    out.startField(field, i);
    out.addBinary(Binary.fromConstantByteArray(value));
    out.endField(field, i);
  }

  void string(String field, String value) {
    int i = index(field);
    out.startField(field, i);
    out.addBinary(Binary.fromString(value));
    out.endField(field, i);
  }

  void optString(String field, @Nullable String value) {
    if (value != null) {
      string(field, value);
    }
  }

  void int64(String field, long value) {
    int i = index(field);
    out.startField(field, i);
    out.addLong(value);
    out.endField(field, i);
  }

  void int32(String field, int value) {
    int i = index(field);
    out.startField(field, i);
    out.addInteger(value);
    out.endField(field, i);
  }

  void bool(String field, boolean value) {
    int i = index(field);
    out.startField(field, i);
    out.addBoolean(value);
    out.endField(field, i);
  }

  /** Writes the required group {@code field}. */
  void group(String field, Body body) {
    int i = index(field);
    GroupType type = types.peek().getType(i).asGroupType();
    out.startField(field, i);
    out.startGroup();
    types.push(type);
    body.write();
    types.pop();
    out.endGroup();
    out.endField(field, i);
  }

  /** Writes the 3-level LIST {@code field}; an empty list is the group without a {@code list}. */
  <T> void list(String field, List<T> elements, ElementWriter<T> element) {
    group(
        field,
        () -> {
          if (elements.isEmpty()) {
            return;
          }
          int li = index("list");
          GroupType listType = types.peek().getType(li).asGroupType();
          out.startField("list", li);
          types.push(listType);
          for (T e : elements) {
            out.startGroup();
            int ei = index("element");
            if (types.peek().getType(ei).isPrimitive()) {
              out.startField("element", ei);
              element.write(e);
              out.endField("element", ei);
            } else {
              group("element", () -> element.write(e));
            }
            out.endGroup();
          }
          types.pop();
          out.endField("list", li);
        });
  }

  /** The consumer, for list elements that are primitive values. */
  RecordConsumer consumer() {
    return out;
  }
}
