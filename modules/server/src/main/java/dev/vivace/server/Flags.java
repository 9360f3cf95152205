package dev.vivace.server;

import java.io.PrintStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Command-line flags, spelled as Tempo's: {@code -config.file=PATH}, {@code
 * -config.expand-env=true}.
 */
record Flags(@Nullable Path configFile, boolean expandEnv, boolean help, boolean version) {

  static Flags parse(String[] args) {
    Path file = null;
    boolean expand = false;
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name =
          arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : null;
      if (name == null) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      switch (name) {
        case "config.file" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("flag needs an argument: -config.file");
            }
            value = args[++i];
          }
          file = Path.of(value);
        }
        case "config.expand-env" -> expand = value == null || parseBool(name, value);
        case "h", "help" -> help = true;
        case "version" -> version = true;
        default -> throw new IllegalArgumentException("flag provided but not defined: -" + name);
      }
    }
    return new Flags(file, expand, help, version);
  }

  private static boolean parseBool(String name, String value) {
    if (value.equalsIgnoreCase("true") || value.equals("1")) {
      return true;
    }
    if (value.equalsIgnoreCase("false") || value.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException("invalid boolean value \"" + value + "\" for -" + name);
  }

  static void usage(PrintStream out) {
    out.println("Usage: vivace [-config.file=PATH] [-config.expand-env=true] [-version]");
    out.println(
        "  -config.file=PATH        YAML configuration laid out like Tempo's;"
            + " without it, embedded defaults");
    out.println("  -config.expand-env=true  replace ${VAR} and ${VAR:-default} in the file");
    out.println("  -version                 print the version and exit");
  }
}
