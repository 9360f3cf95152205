package dev.vivace.block.vparquet4;

import dev.vivace.block.DedicatedColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Which attribute each spare column {@code String01..String10} holds, per scope, derived from
 * {@code meta.dedicatedColumns} as Tempo does: entries of that scope, type string and no options,
 * in list order; the k-th gets {@code String<k+1>}; entries past the tenth are ignored.
 */
final class DedicatedColumnMapping {

  static final int SLOTS = 10;

  /** {@code String01} … {@code String10}; built once, as they are looked up per span written. */
  private static final String[] COLUMN_NAMES = new String[SLOTS];

  static {
    for (int i = 0; i < SLOTS; i++) {
      COLUMN_NAMES[i] = String.format("String%02d", i + 1);
    }
  }

  private final List<String> resource;
  private final List<String> span;

  private DedicatedColumnMapping(List<String> resource, List<String> span) {
    this.resource = resource;
    this.span = span;
  }

  static DedicatedColumnMapping of(List<DedicatedColumn> columns) {
    return new DedicatedColumnMapping(names(columns, "resource"), names(columns, "span"));
  }

  private static List<String> names(List<DedicatedColumn> columns, String scope) {
    List<String> out = new ArrayList<>();
    for (DedicatedColumn c : columns) {
      if (out.size() < SLOTS
          && c.scope().equals(scope)
          && c.type().equals(DedicatedColumn.DEFAULT_TYPE)
          && c.options().isEmpty()) {
        out.add(c.name());
      }
    }
    return List.copyOf(out);
  }

  /** Returns the column name for slot {@code i} (0-based): {@code String01} … {@code String10}. */
  static String columnName(int i) {
    return COLUMN_NAMES[i];
  }

  /** Attribute names of the resource slots, in slot order. */
  List<String> resource() {
    return resource;
  }

  /** Attribute names of the span slots, in slot order. */
  List<String> span() {
    return span;
  }
}
