package dev.vivace.block.vparquet4;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.jspecify.annotations.Nullable;

/** Name-based access to a record assembled with Parquet's example {@link Group} model. */
final class GroupLists {

  static boolean has(Group g, String field) {
    return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0;
  }

  /** Returns the elements of the 3-level LIST {@code field}; empty if absent from the file. */
  static List<Group> list(Group g, String field) {
    if (!has(g, field)) {
      return List.of();
    }
    Group list = g.getGroup(field, 0);
    int n = list.getFieldRepetitionCount("list");
    List<Group> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(list.getGroup("list", i).getGroup("element", 0));
    }
    return out;
  }

  /** Returns the primitive elements of the LIST {@code field} via {@code getter}. */
  static <T> List<T> values(Group g, String field, Getter<T> getter) {
    if (!has(g, field)) {
      return List.of();
    }
    Group list = g.getGroup(field, 0);
    int n = list.getFieldRepetitionCount("list");
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(getter.get(list.getGroup("list", i), "element", 0));
    }
    return out;
  }

  /** Reads one primitive value of a field. */
  interface Getter<T> {
    T get(Group g, String field, int index);
  }

  static @Nullable Group group(Group g, String field) {
    return has(g, field) ? g.getGroup(field, 0) : null;
  }

  static String string(Group g, String field) {
    return has(g, field) ? g.getString(field, 0) : "";
  }

  static @Nullable String optString(@Nullable Group g, String field) {
    return g != null && has(g, field) ? g.getString(field, 0) : null;
  }

  static byte[] bytes(Group g, String field) {
    return has(g, field) ? g.getBinary(field, 0).getBytes() : new byte[0];
  }

  static long int64(Group g, String field) {
    return has(g, field) ? g.getLong(field, 0) : 0;
  }

  static int int32(Group g, String field) {
    return has(g, field) ? g.getInteger(field, 0) : 0;
  }

  static boolean bool(Group g, String field) {
    return has(g, field) && g.getBoolean(field, 0);
  }

  private GroupLists() {}
}
