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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

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
      String source = file.toString();
      Map<String, Object> leaves = new LinkedHashMap<>();
      flatten("", readYaml(file, expandEnv, env), leaves, sections, errors, source);
      for (Map.Entry<String, Object> e : leaves.entrySet()) {
        String path = e.getKey();
        ConfigKey<?> key = byPath.get(path);
        if (key != null) {
          try {
            values.put(key, key.convert(e.getValue(), source));
          } catch (ConfigException ex) {
            errors.add(ex.getMessage());
          }
        } else if (isNotImplemented(path)) {
          warnings.add(
              "config key '"
                  + path
                  + "' is a Tempo setting Vivace does not implement yet;"
                  + " it is ignored");
        } else if (!isSectionOfKnownKey(path, byPath)) {
          errors.add(unknown(path, source, byPath));
        }
      }
      for (String section : sections) {
        if (byPath.containsKey(section) && !leaves.containsKey(section)) {
          errors.add(section + ": a section in " + source + " (expected: a single value)");
        }
      }
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

  private static @Nullable Object readYaml(Path file, boolean expandEnv, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e);
    }
    if (expandEnv) {
      text = expand(text, env);
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try {
      return new Yaml(new SafeConstructor(options)).load(text);
    } catch (YAMLException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
    }
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

  private static void flatten(
      String prefix,
      @Nullable Object node,
      Map<String, Object> leaves,
      Set<String> sections,
      List<String> errors,
      String source) {
    if (node == null) {
      return;
    }
    if (!(node instanceof Map)) {
      if (prefix.isEmpty()) {
        errors.add("the top level of " + source + " must be a mapping of keys");
      } else {
        leaves.put(prefix, node);
      }
      return;
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
      String path = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
      sections.add(path);
      flatten(path, e.getValue(), leaves, sections, errors, source);
    }
  }

  private static boolean isNotImplemented(String path) {
    for (String p : ConfigKeys.TEMPO_NOT_IMPLEMENTED) {
      if (path.equals(p) || path.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }

  /** An empty section such as {@code grpc:} on its way to a known key. */
  private static boolean isSectionOfKnownKey(String path, Map<String, ConfigKey<?>> byPath) {
    for (String known : byPath.keySet()) {
      if (known.startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  private static String unknown(String path, String source, Map<String, ConfigKey<?>> byPath) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : byPath.keySet()) {
      int d = distance(path, known);
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    String hint =
        best != null && bestDistance <= Math.max(2, path.length() / 4)
            ? " (did you mean '" + best + "'?)"
            : "";
    return "unknown config key '" + path + "' in " + source + hint;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private ConfigLoader() {}
}
