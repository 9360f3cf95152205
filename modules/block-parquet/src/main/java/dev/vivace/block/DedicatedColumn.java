package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of {@code meta.dedicatedColumns}: attribute {@code name} of {@code scope} ({@code
 * span}, {@code resource}, {@code event}) with value {@code type} ({@code string}, {@code int}) and
 * {@code options} ({@code array}, {@code blob}) stored in a spare column.
 */
public record DedicatedColumn(String scope, String name, String type, List<String> options) {

  /** The scope when the JSON omits it. */
  public static final String DEFAULT_SCOPE = "span";

  /** The type when the JSON omits it. */
  public static final String DEFAULT_TYPE = "string";

  /** Validates and copies. */
  public DedicatedColumn {
    requireNonNull(scope, "scope");
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    options = List.copyOf(requireNonNull(options, "options"));
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name: \"\" (expected: a non-empty attribute name)");
    }
  }

  /** A span-scoped string column for attribute {@code name}. */
  public static DedicatedColumn span(String name) {
    return new DedicatedColumn(DEFAULT_SCOPE, name, DEFAULT_TYPE, List.of());
  }

  /** A resource-scoped string column for attribute {@code name}. */
  public static DedicatedColumn resource(String name) {
    return new DedicatedColumn("resource", name, DEFAULT_TYPE, List.of());
  }
}
