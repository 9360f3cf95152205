package dev.vivace.block.vparquet4;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import org.apache.parquet.column.ColumnWriter;

/**
 * Writes one {@code Attrs} list (spec §5.6) to its seven leaves. {@code level} is the repetition
 * level of the list, which is also the definition level of an element's required fields.
 */
final class AttrShredder {

  private final ColumnFileWriter out;
  private final StringBinaries strings;
  private final CachedNulls nulls;
  private final int key;
  private final int level;
  private final int list;

  /** The {@code list} groups of Value, ValueInt, ValueDouble and ValueBool. */
  private final int[] values = new int[4];

  /** {@code groupPath} is the dotted path of the {@code Attrs} group. */
  AttrShredder(ColumnFileWriter out, StringBinaries strings, String groupPath) {
    this.out = out;
    this.strings = strings;
    this.nulls = out.nulls();
    this.list = nulls.group(groupPath + ".list");
    String element = groupPath + ".list.element.";
    values[0] = nulls.group(element + "Value.list");
    values[1] = nulls.group(element + "ValueInt.list");
    values[2] = nulls.group(element + "ValueDouble.list");
    values[3] = nulls.group(element + "ValueBool.list");
    this.key = Leaves.leaf(element + "Key");
    this.level = TraceSchema.SCHEMA.getColumns().get(key).getMaxRepetitionLevel();
    if (Leaves.leaf(groupPath + ".list.element.ValueUnsupported") != key + 6) {
      throw new IllegalStateException(groupPath + " does not have the seven attribute leaves");
    }
  }

  /** Writes {@code attrs}; the first value of each leaf repeats at level {@code r}. */
  void writeEncoded(List<Attr> attrs, int r) {
    if (attrs.isEmpty()) {
      empty(r);
      return;
    }
    for (int i = 0; i < attrs.size(); i++) {
      write(attrs.get(i), i == 0 ? r : level);
    }
  }

  /** Writes {@code kvs} from their OTLP form; the first value of each leaf repeats at {@code r}. */
  void writeAll(List<KeyValue> kvs, int r) {
    if (kvs.isEmpty()) {
      empty(r);
      return;
    }
    for (int i = 0; i < kvs.size(); i++) {
      write(kvs.get(i), i == 0 ? r : level);
    }
  }

  /** Writes an empty list at repetition level {@code r}. */
  void empty(int r) {
    nulls.add(list, r);
  }

  /** Writes one element from its OTLP form; scalars skip the intermediate {@link Attr}. */
  void write(KeyValue kv, int r) {
    AnyValue v = kv.getValue();
    int typed;
    switch (v.getValueCase()) {
      case STRING_VALUE -> typed = 0;
      case INT_VALUE -> typed = 1;
      case DOUBLE_VALUE -> typed = 2;
      case BOOL_VALUE -> typed = 3;
      default -> {
        write(AttributeEncoder.encode(kv), r);
        return;
      }
    }
    int d = level;
    element(r);
    out.column(key).write(strings.of(kv.getKey()), r, d);
    out.column(key + 1).write(false, r, d);
    for (int k = 0; k < 4; k++) {
      values(k, k != typed, r);
    }
    ColumnWriter w = out.column(key + 2 + typed);
    switch (typed) {
      case 0 -> w.write(strings.of(v.getStringValue()), r, d + 1);
      case 1 -> w.write(v.getIntValue(), r, d + 1);
      case 2 -> w.write(v.getDoubleValue(), r, d + 1);
      default -> w.write(v.getBoolValue(), r, d + 1);
    }
    out.column(key + 6).writeNull(r, d);
  }

  /** Writes one element. */
  void write(Attr a, int r) {
    int d = level;
    element(r);
    out.column(key).write(strings.of(a.key()), r, d);
    out.column(key + 1).write(a.isArray(), r, d);
    ColumnWriter texts = out.column(key + 2);
    values(0, a.strings().isEmpty(), r);
    for (int i = 0; i < a.strings().size(); i++) {
      texts.write(strings.of(a.strings().get(i)), i == 0 ? r : d + 1, d + 1);
    }
    ColumnWriter ints = out.column(key + 3);
    values(1, a.ints().isEmpty(), r);
    for (int i = 0; i < a.ints().size(); i++) {
      ints.write((long) a.ints().get(i), i == 0 ? r : d + 1, d + 1);
    }
    ColumnWriter doubles = out.column(key + 4);
    values(2, a.doubles().isEmpty(), r);
    for (int i = 0; i < a.doubles().size(); i++) {
      doubles.write((double) a.doubles().get(i), i == 0 ? r : d + 1, d + 1);
    }
    ColumnWriter bools = out.column(key + 5);
    values(3, a.bools().isEmpty(), r);
    for (int i = 0; i < a.bools().size(); i++) {
      bools.write((boolean) a.bools().get(i), i == 0 ? r : d + 1, d + 1);
    }
    String unsupported = a.unsupported();
    if (unsupported == null) {
      out.column(key + 6).writeNull(r, d);
    } else {
      out.column(key + 6).write(strings.of(unsupported), r, d + 1);
    }
  }

  /** Before an element's values: the first element of a list flushes the list's cached nulls. */
  private void element(int r) {
    if (r < level) {
      nulls.start(list);
    }
  }

  private void values(int which, boolean empty, int r) {
    if (empty) {
      nulls.add(values[which], r);
    } else {
      nulls.start(values[which]);
    }
  }
}
