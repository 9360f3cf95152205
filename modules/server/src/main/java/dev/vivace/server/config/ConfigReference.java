package dev.vivace.server.config;

import java.time.Duration;
import java.util.Locale;

/** The configuration reference, generated from {@link ConfigKeys} so the docs cannot drift. */
public final class ConfigReference {

  /** Returns the reference as a Markdown table, one row per key. */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Key | Type | Default | Environment variable | Meaning |\n");
    out.append("|---|---|---|---|---|\n");
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      Object d = key.defaultValue();
      String def = d instanceof Duration duration ? Durations.format(duration) : String.valueOf(d);
      out.append("| `")
          .append(key.path())
          .append("` | ")
          .append(key.type().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(def.isEmpty() ? "(empty)" : "`" + def + "`")
          .append(" | `")
          .append(key.envVar())
          .append("` | ")
          .append(key.doc());
      if (!key.ruleText().isEmpty()) {
        out.append(" Allowed: ").append(key.ruleText()).append('.');
      }
      out.append(" |\n");
    }
    return out.toString();
  }

  /** Prints the reference. */
  public static void main(String[] args) {
    System.out.print(markdown());
  }

  private ConfigReference() {}
}
