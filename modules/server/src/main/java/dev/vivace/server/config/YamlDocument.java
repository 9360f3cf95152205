package dev.vivace.server.config;

import java.io.StringReader;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * One YAML configuration file as SnakeYAML's node tree, which keeps the line and column of every
 * key and value. Syntax errors are worded here from their position and kind only: SnakeYAML's own
 * messages quote the offending line, and with it any credential written on it.
 */
final class YamlDocument {

  /** A token name in a parser message, such as {@code '<block mapping start>'}. */
  private static final Pattern TOKEN = Pattern.compile("'<[a-z ]+>'");

  /** A quoted grammar character in a fixed message, such as {@code ':'} in "expected ':'". */
  private static final Pattern INDICATOR = Pattern.compile("'[^\\p{Alnum}\\s]'");

  private static final Pattern FOUND =
      Pattern.compile(",? but (?:found|got) ?(.*)$", Pattern.DOTALL);

  /** Messages whose last words are a name or a character taken from the file. */
  private static final List<String> NAMING =
      List.of(
          "found undefined alias",
          "found undefined tag handle",
          "found unknown escape character",
          "found duplicate key",
          "could not determine a constructor for the tag");

  private final String source;
  private final Values values = new Values();
  private final @Nullable Node root;

  private YamlDocument(String source, @Nullable Node root) {
    this.source = source;
    this.root = root;
  }

  /**
   * Parses {@code text}, read from {@code source}.
   *
   * @throws ConfigException naming the position and the kind of a syntax error, never the text
   */
  static YamlDocument parse(String text, String source) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    try {
      return new YamlDocument(source, yaml.compose(new StringReader(text)));
    } catch (MarkedYAMLException e) {
      StringBuilder message = new StringBuilder(describe(e.getProblem()));
      appendPosition(message, e.getProblemMark());
      String context = e.getContext();
      if (context != null) {
        message.append(" (").append(describe(context));
        appendPosition(message, e.getContextMark());
        message.append(')');
      }
      throw invalid(source, message.toString());
    } catch (ReaderException e) {
      throw invalid(
          source,
          "a character YAML does not allow (code point "
              + e.getCodePoint()
              + ")"
              + position(text, e.getPosition()));
    } catch (YAMLException e) {
      throw invalid(source, "it is malformed or larger than a configuration file may be");
    }
  }

  /** The document's top node, or null when the file is empty. */
  @Nullable Node root() {
    return root;
  }

  /** Where {@code node} starts, e.g. {@code /etc/vivace.yaml at line 3, column 7}. */
  String at(Node node) {
    StringBuilder out = new StringBuilder(source);
    appendPosition(out, node.getStartMark());
    return out.toString();
  }

  /** Returns the message for a syntax error of the file, at {@code node}. */
  ConfigException invalid(Node node, String problem) {
    StringBuilder message = new StringBuilder(problem);
    appendPosition(message, node.getStartMark());
    return invalid(source, message.toString());
  }

  /**
   * The value of {@code node} as YAML types it (booleans, numbers, strings), null for YAML's null;
   * its text as written when YAML cannot construct it.
   */
  @Nullable Object value(ScalarNode node) {
    if (node.getTag().equals(Tag.NULL)) {
      return null;
    }
    try {
      return values.scalar(node);
    } catch (RuntimeException e) {
      return node.getValue();
    }
  }

  /**
   * Resolves the merge keys ({@code <<: *anchor}) of {@code node} in place.
   *
   * @throws ConfigException when a merge key refers to something other than mappings
   */
  void merge(MappingNode node) {
    if (node.isMerged()) {
      try {
        values.merge(node);
      } catch (MarkedYAMLException e) {
        throw invalid(node, describe(e.getProblem()));
      }
    }
  }

  /**
   * Rewords a SnakeYAML problem or context so that nothing taken from the file is left: a character
   * found, a name, or a snippet. Token names and the fixed grammar characters of SnakeYAML's
   * messages stay.
   */
  static String describe(@Nullable String problem) {
    if (problem == null || problem.isBlank()) {
      return "unexpected content";
    }
    if (problem.contains("(TAB)")) {
      return "found a tab character that cannot start any token (indent with spaces)";
    }
    if (problem.startsWith("found character")) {
      return "found a character that cannot start any token";
    }
    String text = problem.strip();
    String tail = "";
    Matcher found = FOUND.matcher(text);
    if (found.find() && found.start() > 0) {
      String what = found.group(1).strip();
      tail = TOKEN.matcher(what).matches() ? ", but found " + what : "";
      text = text.substring(0, found.start());
    }
    for (String naming : NAMING) {
      if (text.startsWith(naming)) {
        text = naming;
      }
    }
    int colon = text.indexOf(':', text.lastIndexOf('\'') + 1);
    if (colon >= 0) {
      text = text.substring(0, colon);
    }
    String rest = INDICATOR.matcher(TOKEN.matcher(text).replaceAll("")).replaceAll("");
    if (rest.indexOf('\'') >= 0 || rest.indexOf('"') >= 0) {
      return "unexpected content";
    }
    return text.strip() + tail;
  }

  private static void appendPosition(StringBuilder out, @Nullable Mark mark) {
    if (mark != null) {
      out.append(" at line ").append(mark.getLine() + 1);
      out.append(", column ").append(mark.getColumn() + 1);
    }
  }

  /** The line and column of the code point at {@code index} of {@code text}. */
  private static String position(String text, int index) {
    int line = 1;
    int column = 1;
    int[] codePoints = text.codePoints().limit(Math.max(0, index)).toArray();
    for (int c : codePoints) {
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return " at line " + line + ", column " + column;
  }

  private static ConfigException invalid(String source, String problem) {
    return new ConfigException("config file " + source + " is not valid YAML: " + problem);
  }

  /** SnakeYAML's safe constructor, with the steps used here made reachable. */
  private static final class Values extends SafeConstructor {

    Values() {
      super(new LoaderOptions());
    }

    @Nullable Object scalar(ScalarNode node) {
      return constructObject(node);
    }

    void merge(MappingNode node) {
      flattenMapping(node);
    }
  }
}
