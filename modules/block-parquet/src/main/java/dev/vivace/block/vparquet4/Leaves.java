package dev.vivace.block.vparquet4;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.api.Binary;

/** Leaf columns of {@link TraceSchema#SCHEMA} by position, and the values written to them. */
final class Leaves {

  private static final List<ColumnDescriptor> COLUMNS = TraceSchema.SCHEMA.getColumns();

  static final String RS = "rs.list.element.";
  static final String SS = RS + "ss.list.element.";
  static final String SPANS = SS + "Spans.list.element.";

  private static final Binary EMPTY = Binary.fromConstantByteArray(new byte[0]);

  /** Returns the position of the leaf at dotted {@code path}. */
  static int leaf(String path) {
    for (int i = 0; i < COLUMNS.size(); i++) {
      if (String.join(".", COLUMNS.get(i).getPath()).equals(path)) {
        return i;
      }
    }
    throw new IllegalArgumentException("path: " + path + " (expected: a leaf of the schema)");
  }

  /** The UTF-8 bytes of {@code s}, as parquet-java's {@code Binary.fromString} encodes them. */
  static Binary string(String s) {
    return s.isEmpty() ? EMPTY : Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of {@code b} the column writer may keep. */
  static Binary bytes(ByteString b) {
    return b.isEmpty() ? EMPTY : Binary.fromConstantByteArray(b.toByteArray());
  }

  private Leaves() {}
}
