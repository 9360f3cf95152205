package dev.vivace.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Tempo-style YAML file and the environment into a {@link VivaceConfig}. Like Tempo, it is
 * strict: an unknown key is an error (with a suggestion), except settings of Tempo that Vivace does
 * not implement yet, which are logged as ignored.
 */
public final class ConfigLoader {

  private static final Pattern ENV_REF =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  /**
   * Loads the configuration.
   *
   * @param file the YAML file, or null for defaults and environment only
   * @param expandEnv whether {@code ${VAR}} and {@code ${VAR:-default}} in the file are replaced by
   *     environment variables first ({@code -config.expand-env=true})
   * @param env the environment
   * @throws ConfigException listing every problem found
   */
  public static VivaceConfig load(@Nullable Path file, boolean expandEnv, Map<String, String> env) {
    Map<String, ConfigKey<?>> byPath = new HashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      byPath.put(key.path(), key);
    }
    Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    Set<String> sections = new HashSet<>();
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();

    if (file != null) {
      ConfigFile read = ConfigFile.read(readText(file, expandEnv, env), file.toString(), byPath);
      values.putAll(read.values());
      sections.addAll(read.sections());
      warnings.addAll(read.warnings());
      errors.addAll(read.errors());
    }
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      String value = env.get(key.envVar());
      if (value != null) {
        try {
          values.put(key, key.convert(value, "environment variable " + key.envVar()));
        } catch (ConfigException ex) {
          errors.add(ex.getMessage());
        }
      }
    }
    if (values.containsKey(ConfigKeys.AUTH_ENABLED)) {
      warnings.add("auth_enabled is deprecated; use multitenancy_enabled");
    }
    if (!errors.isEmpty()) {
      throw new ConfigException("invalid configuration:\n  " + String.join("\n  ", errors));
    }
    return new VivaceConfig(values, sections, warnings);
  }

  private static String readText(Path file, boolean expandEnv, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e);
    }
    return expandEnv ? expand(text, env) : text;
  }

  static String expand(String text, Map<String, String> env) {
    Matcher m = ENV_REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null || value.isEmpty()) {
        value = m.group(2) == null ? "" : m.group(2);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private ConfigLoader() {}
}
