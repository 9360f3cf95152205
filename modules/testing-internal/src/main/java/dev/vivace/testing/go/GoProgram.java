package dev.vivace.testing.go;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Go program of the repository, built from its module ({@code go.mod}, {@code go.sum}) with
 * {@code go build -mod=readonly} (go.sum is authoritative), then run as a child process. Finds
 * {@code go} on the {@code PATH}, then at {@code /usr/local/go/bin/go}. A missing toolchain or an
 * unresolvable module is an error, never a skip: the test that builds it names its own opt-out.
 */
public final class GoProgram {

  /** Output (stdout and stderr, interleaved) and exit code of one run. */
  public record Result(int exitCode, String output) {}

  /** A build, module download included, may take up to this many minutes. */
  public static final long BUILD_TIMEOUT_MINUTES = 20;

  private static final long RUN_TIMEOUT_MINUTES = 5;

  private final Path binary;

  private GoProgram(Path binary) {
    this.binary = binary;
  }

  /**
   * Builds the module in {@code moduleDir} into {@code binary}; {@code optOut} names how a user
   * skips the tests that need it, for the error message.
   */
  public static GoProgram build(Path moduleDir, Path binary, String optOut)
      throws IOException, InterruptedException {
    requireNonNull(moduleDir, "moduleDir");
    requireNonNull(binary, "binary");
    Path parent = binary.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Result r =
        run(
            moduleDir,
            BUILD_TIMEOUT_MINUTES,
            List.of(
                goCommand(optOut),
                "build",
                "-mod=readonly",
                "-trimpath",
                "-buildvcs=false",
                "-o",
                binary.toAbsolutePath().toString(),
                "."));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "go build of "
              + moduleDir
              + " failed (exit "
              + r.exitCode()
              + "); is the Go module proxy reachable? Opt out with "
              + optOut
              + ".\n"
              + r.output());
    }
    return new GoProgram(binary.toAbsolutePath());
  }

  /** Runs the program with {@code args} in its own directory and returns its output. */
  public Result run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    Path dir = binary.getParent();
    return run(dir != null ? dir : Path.of("."), RUN_TIMEOUT_MINUTES, command);
  }

  private static String goCommand(String optOut) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator, -1)) {
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
        "go not found on PATH nor at " + fallback + "; install Go 1.26 or opt out with " + optOut);
  }

  private static Result run(Path dir, long timeoutMinutes, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("vivace-go-", ".log");
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
