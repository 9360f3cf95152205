package dev.vivace.deploy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The instructions of a Dockerfile, enough to check ours: stages, COPY, RUN, ENV, USER, WORKDIR,
 * VOLUME, EXPOSE, ENTRYPOINT and CMD. One instruction per line; no line continuations.
 */
final class Dockerfile {

  record Instruction(String keyword, String args, int line) {}

  /** {@code COPY [--from=stage] [--chown=u:g] src... dest}. */
  record Copy(@Nullable String from, @Nullable String chown, List<String> sources, String dest) {}

  static final class Stage {
    final String image;
    final @Nullable String name;
    final List<Instruction> instructions = new ArrayList<>();

    Stage(String image, @Nullable String name) {
      this.image = image;
      this.name = name;
    }

    List<Instruction> all(String keyword) {
      List<Instruction> out = new ArrayList<>();
      for (Instruction i : instructions) {
        if (i.keyword().equals(keyword)) {
          out.add(i);
        }
      }
      return out;
    }

    /** The last instruction with this keyword (the one in effect), or null. */
    @Nullable Instruction last(String keyword) {
      List<Instruction> all = all(keyword);
      return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    List<Copy> copies() {
      List<Copy> out = new ArrayList<>();
      for (Instruction i : all("COPY")) {
        out.add(parseCopy(i.args()));
      }
      return out;
    }

    Map<String, String> env() {
      Map<String, String> out = new LinkedHashMap<>();
      for (Instruction i : all("ENV")) {
        int eq = i.args().indexOf('=');
        if (eq < 0) {
          throw new IllegalStateException("ENV without '=' at line " + i.line() + ": " + i.args());
        }
        out.put(i.args().substring(0, eq).trim(), i.args().substring(eq + 1).trim());
      }
      return out;
    }

    /** An exec-form ENTRYPOINT or CMD as a list; fails on the shell form. */
    List<String> exec(String keyword) {
      Instruction i = requireNonNull(last(keyword), keyword);
      Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(i.args());
      if (!(parsed instanceof List)) {
        throw new IllegalStateException(
            keyword + " at line " + i.line() + " is not in exec form: " + i.args());
      }
      List<String> out = new ArrayList<>();
      for (Object o : (List<?>) parsed) {
        out.add(String.valueOf(o));
      }
      return out;
    }
  }

  final List<Stage> stages = new ArrayList<>();

  static Dockerfile parse(String text) {
    Dockerfile d = new Dockerfile();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        throw new IllegalStateException(
            "line continuation at line " + (n + 1) + " (keep one instruction per line)");
      }
      int space = line.indexOf(' ');
      String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
      String args = space < 0 ? "" : line.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        String[] parts = args.split("\\s+");
        String name = parts.length == 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : null;
        d.stages.add(new Stage(parts[0], name));
      } else {
        if (d.stages.isEmpty()) {
          throw new IllegalStateException(keyword + " before FROM at line " + (n + 1));
        }
        d.stages.get(d.stages.size() - 1).instructions.add(new Instruction(keyword, args, n + 1));
      }
    }
    return d;
  }

  Stage runtime() {
    return stages.get(stages.size() - 1);
  }

  Stage stage(String name) {
    for (Stage s : stages) {
      if (name.equals(s.name)) {
        return s;
      }
    }
    throw new IllegalStateException("no stage named " + name);
  }

  static Copy parseCopy(String args) {
    String from = null;
    String chown = null;
    List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
    while (!words.isEmpty() && words.get(0).startsWith("--")) {
      String flag = words.remove(0);
      if (flag.startsWith("--from=")) {
        from = flag.substring("--from=".length());
      } else if (flag.startsWith("--chown=")) {
        chown = flag.substring("--chown=".length());
      } else {
        throw new IllegalStateException("COPY flag not understood: " + flag);
      }
    }
    if (words.size() < 2) {
      throw new IllegalStateException("COPY needs a source and a destination: " + args);
    }
    String dest = words.remove(words.size() - 1);
    return new Copy(from, chown, List.copyOf(words), dest);
  }
}
