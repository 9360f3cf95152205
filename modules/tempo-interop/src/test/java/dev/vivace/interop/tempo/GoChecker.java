package dev.vivace.interop.tempo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Go checker of this module ({@code go.mod} beside the pom), built once per run into {@code
 * target/}. Finds {@code go} on the {@code PATH}, then at {@code /usr/local/go/bin/go}; a missing
 * toolchain or an unresolvable module is an error, never a skip (the opt-out is the Maven property
 * {@code tempo-interop.skip}).
 */
final class GoChecker {

  /** Output and exit code of one run. */
  record Result(int exitCode, String output) {}

  /** If unset, a build (module download included) may take up to this many minutes. */
  static final long BUILD_TIMEOUT_MINUTES = 20;

  private static final long RUN_TIMEOUT_MINUTES = 5;

  private final Path binary;

  private GoChecker(Path binary) {
    this.binary = binary;
  }

  /** Builds the checker with {@code go build -mod=readonly} (go.sum is authoritative). */
  static GoChecker build() throws IOException, InterruptedException {
    Path moduleDir =
        Path.of(
            requireNonNull(
                System.getProperty("tempo-interop.goModuleDir"),
                "system property tempo-interop.goModuleDir (set by failsafe)"));
    Path buildDir =
        Path.of(
            requireNonNull(
                System.getProperty("tempo-interop.buildDir"),
                "system property tempo-interop.buildDir (set by failsafe)"));
    Path binary = buildDir.resolve("go-bin").resolve("tempo-interop");
    Files.createDirectories(binary.getParent());
    Result r =
        run(
            moduleDir,
            BUILD_TIMEOUT_MINUTES,
            List.of(
                goCommand(),
                "build",
                "-mod=readonly",
                "-trimpath",
                "-buildvcs=false",
                "-o",
                binary.toString(),
                "."));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "go build failed (exit "
              + r.exitCode()
              + "); is the Go module proxy reachable? "
              + "Opt out with -Dtempo-interop.skip=true.\n"
              + r.output());
    }
    return new GoChecker(binary);
  }

  /** Runs {@code tempo-interop ARGS…} and returns its combined output and exit code. */
  Result run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    return run(binary.getParent(), RUN_TIMEOUT_MINUTES, command);
  }

  private static String goCommand() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "go"))) {
          return Path.of(dir, "go").toString();
        }
      }
    }
    Path fallback = Path.of("/usr/local/go/bin/go");
    if (Files.isExecutable(fallback)) {
      return fallback.toString();
    }
    throw new IllegalStateException(
        "go not found on PATH nor at "
            + fallback
            + "; install Go 1.26 or opt out with "
            + "-Dtempo-interop.skip=true");
  }

  private static Result run(Path dir, long timeoutMinutes, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("tempo-interop-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "timed out after " + timeoutMinutes + " min: " + command + "\n" + read(log));
      }
      return new Result(p.exitValue(), read(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
