package dev.vivace.interop.tempo;

import static java.util.Objects.requireNonNull;

import dev.vivace.testing.go.GoProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Go checker of this module ({@code go.mod} beside the pom), built once per run into {@code
 * target/}. A missing toolchain or an unresolvable module is an error, never a skip (the opt-out is
 * the Maven property {@code tempo-interop.skip}).
 */
final class GoChecker {

  private final GoProgram program;

  private GoChecker(GoProgram program) {
    this.program = program;
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
    return new GoChecker(
        GoProgram.build(
            moduleDir,
            buildDir.resolve("go-bin").resolve("tempo-interop"),
            "-Dtempo-interop.skip=true"));
  }

  /** Runs {@code tempo-interop ARGS…} and returns its combined output and exit code. */
  GoProgram.Result run(List<String> args) throws IOException, InterruptedException {
    return program.run(args);
  }
}
