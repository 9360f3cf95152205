package dev.vivace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.server.config.ConfigKey;
import dev.vivace.server.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deploy docs and chart values name only configuration keys and environment variables that
 * exist, and quote only messages Vivace actually prints.
 */
class DeployDocsTest {

  static final Pattern CONFIG_PATH =
      Pattern.compile(
          "(?<![\\w./-])((?:server|distributor|ingester|storage|overrides)(?:\\.[a-z0-9_]+)+)");
  static final Pattern ENV_VAR = Pattern.compile("\\bVIVACE_[A-Z0-9_]+\\b");
  static final Pattern MESSAGE_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

  static final List<Path> DOCS =
      List.of(
          Repo.DEPLOY.resolve("README.md"),
          Repo.CHART.resolve("values.yaml"),
          Repo.CHART.resolve("templates/NOTES.txt"),
          Repo.DEPLOY.resolve("vivace.yaml"));

  @Test
  void everyConfigKeyNamedInDeployDocsExists() {
    Set<String> paths = ConfigKeys.ALL.stream().map(ConfigKey::path).collect(Collectors.toSet());
    Set<String> named = new TreeSet<>();
    for (Path doc : DOCS) {
      Matcher m = CONFIG_PATH.matcher(Repo.read(doc));
      while (m.find()) {
        named.add(m.group(1));
      }
    }
    assertThat(named).contains("storage.trace.s3.bucket", "storage.trace.wal.path");
    for (String path : named) {
      assertThat(paths.contains(path) || paths.stream().anyMatch(p -> p.startsWith(path + ".")))
          .as("config key %s named in deploy docs", path)
          .isTrue();
    }
  }

  @Test
  void everyEnvironmentVariableNamedInDeployDocsOverridesAKey() {
    Set<String> vars = ConfigKeys.ALL.stream().map(ConfigKey::envVar).collect(Collectors.toSet());
    for (Path doc : DOCS) {
      Matcher m = ENV_VAR.matcher(Repo.read(doc));
      while (m.find()) {
        assertThat(vars).as("%s in %s", m.group(), doc.getFileName()).contains(m.group());
      }
    }
  }

  @Test
  void chartConfigExamplesAreKeys() {
    Set<String> paths = ConfigKeys.ALL.stream().map(ConfigKey::path).collect(Collectors.toSet());
    for (Path values :
        List.of(
            Repo.CHART.resolve("values.yaml"),
            Path.of("src", "test", "resources", "ci-values.yaml"))) {
      String text = Repo.read(values);
      List<String> leaves = new ArrayList<>();
      flatten("", ITHelmChart.map(ITHelmChart.yaml().load(text)).get("config"), leaves);
      // The commented example under `config:` in values.yaml counts too.
      int example = text.indexOf("# Example:\n");
      if (example >= 0) {
        StringBuilder yaml = new StringBuilder();
        for (String line : text.substring(example).split("\n")) {
          if (!line.startsWith("#")) {
            break;
          }
          yaml.append(line.replaceFirst("^# ?", "")).append('\n');
        }
        Object parsed =
            ITHelmChart.map(ITHelmChart.yaml().load(yaml.toString().replace("Example:\n", "")));
        flatten("", ITHelmChart.map(parsed).get("config"), leaves);
      }
      assertThat(leaves).as(values.toString()).isNotEmpty();
      assertThat(paths).as(values.toString()).containsAll(leaves);
    }
  }

  @Test
  void troubleshootingQuotesMessagesVivacePrints() throws IOException {
    String sources = mainSources();
    String readme = Repo.read(Repo.DEPLOY.resolve("README.md"));
    String troubleshooting = readme.substring(readme.indexOf("## Troubleshooting"));
    Matcher m = MESSAGE_ROW.matcher(troubleshooting);
    int quoted = 0;
    while (m.find()) {
      quoted++;
      for (String piece : m.group(1).split("…")) {
        if (piece.strip().length() >= 6) {
          assertThat(sources)
              .as("message quoted in deploy/README.md: %s", m.group(1))
              .contains(piece);
        }
      }
    }
    assertThat(quoted).isGreaterThanOrEqualTo(8);
  }

  /** Main Java sources of every module, with adjacent string literals joined ("a" + "b" → "ab"). */
  static String mainSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(Repo.ROOT.resolve("modules"))) {
      for (Path f :
          (Iterable<Path>)
              files.filter(
                      p ->
                          p.toString().contains("/src/main/java/")
                              && p.toString().endsWith(".java"))
                  ::iterator) {
        all.append(Files.readString(f)).append('\n');
      }
    }
    return all.toString().replaceAll("\"\\s*\\+\\s*\"", "");
  }

  private static void flatten(String prefix, Object node, List<String> out) {
    if (node instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
        flatten(
            prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(),
            e.getValue(),
            out);
      }
    } else if (node != null) {
      out.add(prefix);
    }
  }
}
