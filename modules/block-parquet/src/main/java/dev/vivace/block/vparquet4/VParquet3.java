package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.GroupLists.bytes;
import static dev.vivace.block.vparquet4.GroupLists.has;
import static dev.vivace.block.vparquet4.GroupLists.int32;
import static dev.vivace.block.vparquet4.GroupLists.int64;
import static dev.vivace.block.vparquet4.GroupLists.list;
import static dev.vivace.block.vparquet4.GroupLists.string;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;

/**
 * What {@link RowDecoder} reads otherwise in a vParquet3 block (Tempo's format before vParquet4).
 * The differences from vParquet4 (spec §14.2): an attribute has one scalar {@code Value}, {@code
 * ValueInt}, {@code ValueDouble} or {@code ValueBool}, or a key-value list or array as protobuf
 * JSON ({@code ValueKVList}, {@code ValueArray}); an event has an absolute {@code TimeUnixNano} and
 * attributes whose {@code Value} is a protobuf-encoded {@code AnyValue}; a span's {@code Links} are
 * one protobuf-encoded list of links; scopes and resources carry no attributes or dropped counts of
 * their own.
 */
final class VParquet3 {

  /** The {@code format} of vParquet3 blocks in {@code meta.json}. */
  static final String VERSION = "vParquet3";

  private VParquet3() {}

  /** The attributes of a vParquet3 {@code Attrs} list. */
  static List<KeyValue> attributes(List<Group> attrs) {
    List<KeyValue> out = new ArrayList<>(attrs.size());
    for (Group a : attrs) {
      out.add(attribute(a));
    }
    return out;
  }

  /** Adds a vParquet3 span's events (absolute times, protobuf values) and links (protobuf). */
  static void addEventsAndLinks(Group g, Span.Builder b) {
    for (Group e : list(g, "Events")) {
      Span.Event.Builder event =
          Span.Event.newBuilder()
              .setTimeUnixNano(int64(e, "TimeUnixNano"))
              .setName(string(e, "Name"))
              .setDroppedAttributesCount(int32(e, "DroppedAttributesCount"));
      for (Group a : list(e, "Attrs")) {
        event.addAttributes(
            KeyValue.newBuilder().setKey(string(a, "Key")).setValue(anyValue(bytes(a, "Value"))));
      }
      b.addEvents(event);
    }
    b.addAllLinks(links(bytes(g, "Links")));
  }

  /** A vParquet3 attribute: the first value column set, else an empty value. */
  private static KeyValue attribute(Group a) {
    KeyValue.Builder kv = KeyValue.newBuilder().setKey(string(a, "Key"));
    AnyValue.Builder v = AnyValue.newBuilder();
    if (has(a, "Value")) {
      v.setStringValue(a.getString("Value", 0));
    } else if (has(a, "ValueInt")) {
      v.setIntValue(a.getLong("ValueInt", 0));
    } else if (has(a, "ValueDouble")) {
      v.setDoubleValue(a.getDouble("ValueDouble", 0));
    } else if (has(a, "ValueBool")) {
      v.setBoolValue(a.getBoolean("ValueBool", 0));
    } else if (has(a, "ValueKVList")) {
      return kv.setValue(AnyValueJson.parseAs("kvlistValue", a.getString("ValueKVList", 0)))
          .build();
    } else if (has(a, "ValueArray")) {
      return kv.setValue(AnyValueJson.parseAs("arrayValue", a.getString("ValueArray", 0))).build();
    }
    return kv.setValue(v).build();
  }

  private static AnyValue anyValue(byte[] encoded) {
    try {
      return AnyValue.parseFrom(encoded);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("event attribute value is not a protobuf AnyValue", e);
    }
  }

  /**
   * The links of a span: a protobuf message whose field 1 repeats {@code Span.Link} (Tempo's {@code
   * LinkSlice}); empty bytes for none.
   */
  private static List<Span.Link> links(byte[] encoded) {
    List<Span.Link> out = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(encoded);
    try {
      while (!in.isAtEnd()) {
        int tag = in.readTag();
        if (WireFormat.getTagFieldNumber(tag) == 1
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          out.add(Span.Link.parseFrom(in.readBytes()));
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("links are not a protobuf list of links", e);
    }
    return out;
  }
}
