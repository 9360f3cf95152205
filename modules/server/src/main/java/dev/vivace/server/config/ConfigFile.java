package dev.vivace.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The keys of one YAML file checked against {@link ConfigKeys}: values converted to their keys'
 * types, Tempo settings Vivace does not implement collected as warnings, and every problem named by
 * its dotted key and its line and column, never by its value.
 */
final class ConfigFile {

  private final YamlDocument document;
  private final String source;
  private final Map<String, ConfigKey<?>> byPath;
  private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
  private final Set<String> sections = new HashSet<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  /** The mappings being walked, to stop at an alias that refers to one of its own ancestors. */
  private final Set<Node> walking = Collections.newSetFromMap(new IdentityHashMap<>());

  private ConfigFile(YamlDocument document, String source, Map<String, ConfigKey<?>> byPath) {
    this.document = document;
    this.source = source;
    this.byPath = byPath;
  }

  /**
   * Reads {@code text}, the content of {@code source}.
   *
   * @throws ConfigException when the text is not valid YAML
   */
  static ConfigFile read(String text, String source, Map<String, ConfigKey<?>> byPath) {
    ConfigFile file = new ConfigFile(YamlDocument.parse(text, source), source, byPath);
    Node root = file.document.root();
    if (root instanceof MappingNode mapping) {
      file.mapping("", mapping);
    } else if (root != null && !root.getTag().equals(Tag.NULL)) {
      file.errors.add("the top level of " + source + " must be a mapping of keys");
    }
    return file;
  }

  /** The values of the known keys the file sets. */
  Map<ConfigKey<?>, Object> values() {
    return values;
  }

  /** The dotted path of every key in the file, sections included. */
  Set<String> sections() {
    return sections;
  }

  /** The Tempo settings the file has that Vivace ignores. */
  List<String> warnings() {
    return warnings;
  }

  /** What is wrong with the file. */
  List<String> errors() {
    return errors;
  }

  private void walk(String path, Node node) {
    if (node instanceof MappingNode mapping) {
      mapping(path, mapping);
    } else if (node instanceof ScalarNode scalar) {
      scalar(path, scalar);
    } else {
      notASection(path, node, "a list");
    }
  }

  private void mapping(String path, MappingNode node) {
    ConfigKey<?> key = byPath.get(path);
    if (key != null) {
      errors.add(wrongKind(path, "a mapping", node, key.expected()));
      return;
    }
    if (!walking.add(node)) {
      throw document.invalid(node, "'" + path + "' contains itself through an alias");
    }
    checkDuplicates(path, node);
    document.merge(node);
    for (NodeTuple entry : node.getValue()) {
      if (!(entry.getKeyNode() instanceof ScalarNode name)) {
        errors.add("a key that is not a plain name in " + document.at(entry.getKeyNode()));
        continue;
      }
      String child = path.isEmpty() ? name.getValue() : path + "." + name.getValue();
      sections.add(child);
      walk(child, entry.getValueNode());
    }
    walking.remove(node);
  }

  private void checkDuplicates(String path, MappingNode node) {
    Set<String> names = new HashSet<>();
    for (NodeTuple entry : node.getValue()) {
      if (entry.getKeyNode() instanceof ScalarNode name
          && !name.getTag().equals(Tag.MERGE)
          && !names.add(name.getValue())) {
        String child = path.isEmpty() ? name.getValue() : path + "." + name.getValue();
        throw document.invalid(name, "duplicate key '" + child + "'");
      }
    }
  }

  private void scalar(String path, ScalarNode node) {
    Object value = document.value(node);
    if (value == null) {
      return; // An empty value leaves the default, as an empty section does.
    }
    ConfigKey<?> key = byPath.get(path);
    if (key == null) {
      notASection(path, node, "a single value");
      return;
    }
    Object raw = key.type() == ConfigKey.Type.STRING ? node.getValue() : value;
    try {
      values.put(key, key.convert(raw, document.at(node)));
    } catch (ConfigException e) {
      errors.add(e.getMessage());
    }
  }

  /** A value or a list at {@code path}, which is not a known key. */
  private void notASection(String path, Node node, String kind) {
    ConfigKey<?> key = byPath.get(path);
    if (key != null) {
      errors.add(wrongKind(path, kind, node, key.expected()));
    } else if (isNotImplemented(path)) {
      warnings.add(
          "config key '"
              + path
              + "' is a Tempo setting Vivace does not implement yet;"
              + " it is ignored");
    } else if (isSectionOfKnownKey(path)) {
      errors.add(wrongKind(path, kind, node, "a mapping"));
    } else {
      errors.add(unknown(path));
    }
  }

  private String wrongKind(String path, String kind, Node node, String expected) {
    return path + ": " + kind + " in " + document.at(node) + " (expected: " + expected + ")";
  }

  private static boolean isNotImplemented(String path) {
    for (String p : ConfigKeys.TEMPO_NOT_IMPLEMENTED) {
      if (path.equals(p) || path.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }

  /** A section such as {@code grpc} on the way to a known key. */
  private boolean isSectionOfKnownKey(String path) {
    for (String known : byPath.keySet()) {
      if (known.startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  private String unknown(String path) {
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
}
