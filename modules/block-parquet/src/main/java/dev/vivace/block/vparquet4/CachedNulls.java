package dev.vivace.block.vparquet4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Empty repeated groups (empty lists and maps), written to their leaves lazily as parquet-java's
 * record shredding does: the nulls of a group are kept until the group next has an element, or
 * until the column store is about to check page sizes, or the row group ends. The values each leaf
 * receives are the same either way; writing them at the same moments keeps the column store's
 * buffered size, which decides where row groups end, the same as well.
 */
final class CachedNulls {

  private final ColumnFileWriter out;
  private final List<String> paths = new ArrayList<>();
  private final List<int[]> children = new ArrayList<>();
  private final List<Integer> roots = new ArrayList<>();
  private final int[] from;
  private final int[] to;
  private final int[] definition;
  private final int[][] repetitions;
  private final int[] counts;

  CachedNulls(ColumnFileWriter out, MessageType schema) {
    this.out = out;
    List<int[]> ranges = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    int[] leaf = {0};
    for (Type f : schema.getFields()) {
      collect(f, "", 0, leaf, ranges, levels, roots);
    }
    int n = paths.size();
    from = new int[n];
    to = new int[n];
    definition = new int[n];
    repetitions = new int[n][];
    counts = new int[n];
    for (int g = 0; g < n; g++) {
      from[g] = ranges.get(g)[0];
      to[g] = ranges.get(g)[1];
      definition[g] = levels.get(g);
      repetitions[g] = new int[8];
    }
  }

  /** Returns the id of the repeated group at dotted {@code path}. */
  int group(String path) {
    int g = paths.indexOf(path);
    if (g < 0) {
      throw new IllegalArgumentException("path: " + path + " (expected: a repeated group)");
    }
    return g;
  }

  /** Group {@code g} is absent (an empty list) where its first value would repeat at {@code r}. */
  void add(int g, int r) {
    if (counts[g] == repetitions[g].length) {
      repetitions[g] = Arrays.copyOf(repetitions[g], counts[g] * 2);
    }
    repetitions[g][counts[g]++] = r;
  }

  /** Group {@code g} is about to get an element: its earlier nulls go first. */
  void start(int g) {
    if (counts[g] > 0) {
      flush(g);
    }
  }

  /** Writes every cached null. */
  void flushAll() {
    for (int g : roots) {
      flush(g);
    }
  }

  private void flush(int g) {
    for (int child : children.get(g)) {
      flush(child);
    }
    int n = counts[g];
    if (n == 0) {
      return;
    }
    int d = definition[g];
    int[] rs = repetitions[g];
    for (int c = from[g]; c < to[g]; c++) {
      var w = out.column(c);
      for (int i = 0; i < n; i++) {
        w.writeNull(rs[i], d);
      }
    }
    counts[g] = 0;
  }

  /**
   * Adds the repeated groups at or below {@code t}, numbering leaves from {@code leaf[0]}; the
   * nearest ones are added to {@code parentGroups}.
   */
  private void collect(
      Type t,
      String prefix,
      int definitionLevel,
      int[] leaf,
      List<int[]> ranges,
      List<Integer> levels,
      List<Integer> parentGroups) {
    if (t.isPrimitive()) {
      leaf[0]++;
      return;
    }
    String path = prefix + t.getName();
    int d = t.isRepetition(Type.Repetition.REQUIRED) ? definitionLevel : definitionLevel + 1;
    List<Integer> nested = parentGroups;
    int g = -1;
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      g = paths.size();
      paths.add(path);
      ranges.add(new int[] {leaf[0], -1});
      levels.add(definitionLevel);
      children.add(new int[0]);
      parentGroups.add(g);
      nested = new ArrayList<>();
    }
    GroupType group = t.asGroupType();
    for (Type f : group.getFields()) {
      collect(f, path + ".", d, leaf, ranges, levels, nested);
    }
    if (g >= 0) {
      ranges.get(g)[1] = leaf[0];
      children.set(g, nested.stream().mapToInt(Integer::intValue).toArray());
    }
  }
}
