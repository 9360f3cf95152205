package dev.vivace.server.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The resolved configuration: defaults, overridden by the file, overridden by the environment. */
public final class VivaceConfig {

  /** The configuration with every key at its default, as when no file is given. */
  public static VivaceConfig defaults() {
    return new VivaceConfig(Map.of(), Set.of(), List.of());
  }

  private final Map<ConfigKey<?>, Object> values;
  private final Set<String> sections;
  private final List<String> warnings;

  VivaceConfig(Map<ConfigKey<?>, Object> values, Set<String> sections, List<String> warnings) {
    this.values = Map.copyOf(requireNonNull(values, "values"));
    this.sections = Set.copyOf(requireNonNull(sections, "sections"));
    this.warnings = List.copyOf(requireNonNull(warnings, "warnings"));
  }

  /** Returns the value of {@code key}. */
  public <T> T get(ConfigKey<T> key) {
    Object value = values.get(key);
    @SuppressWarnings("unchecked")
    T typed = value == null ? key.defaultValue() : (T) value;
    return typed;
  }

  /** Returns true when the file or the environment set {@code key}. */
  public boolean isSet(ConfigKey<?> key) {
    return values.containsKey(key);
  }

  /** Returns true when the file has a section (or key) at {@code path}, even an empty one. */
  public boolean hasSection(String path) {
    return sections.contains(path);
  }

  /** Things worth logging at start: ignored Tempo settings and deprecated keys. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The keys set by the file, the environment or code, with their values; credentials show as
   * {@code <redacted>}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("VivaceConfig{");
    String sep = "";
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      if (values.containsKey(key)) {
        out.append(sep)
            .append(key.path())
            .append('=')
            .append(key.isSecret() ? "<redacted>" : values.get(key));
        sep = ", ";
      }
    }
    return out.append('}').toString();
  }

  /** Returns a copy of this configuration with {@code key} set to {@code value}. */
  public <T> VivaceConfig with(ConfigKey<T> key, T value) {
    Map<ConfigKey<?>, Object> copy = new java.util.HashMap<>(values);
    copy.put(key, key.convert(value, "code"));
    return new VivaceConfig(copy, sections, warnings);
  }
}
