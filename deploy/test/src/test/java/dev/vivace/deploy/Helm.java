package dev.vivace.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Helm CLI at {@code helm.version}: {@code -Dhelm.binary=PATH} if given, else a copy cached
 * under {@code ~/.cache/vivace/helm/<version>/}, else built there with {@code go install} (about 5
 * minutes on 2 cores with an empty Go cache). Helm's own state stays under target/.
 */
final class Helm {

  record Result(int exitCode, String stdout, String stderr) {}

  static final String VERSION = System.getProperty("helm.version", "v3.22.0");
  private static final Path HOME = Path.of("target", "helm-home").toAbsolutePath();
  private static Path binary;

  static synchronized Path binary() throws IOException, InterruptedException {
    if (binary != null) {
      return binary;
    }
    String explicit = System.getProperty("helm.binary", "");
    if (!explicit.isEmpty()) {
      return binary = Path.of(explicit);
    }
    Path dir = Path.of(System.getProperty("user.home"), ".cache", "vivace", "helm", VERSION);
    Path helm = dir.resolve("helm");
    if (!Files.isExecutable(helm)) {
      install(dir);
    }
    return binary = helm;
  }

  private static void install(Path dir) throws IOException, InterruptedException {
    String go = findGo();
    Files.createDirectories(dir);
    Path log = Path.of("target", "helm-install.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(go, "install", "helm.sh/helm/v3/cmd/helm@" + VERSION)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("GOBIN", dir.toString());
    pb.environment().put("CGO_ENABLED", "0");
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "go install of helm " + VERSION + " took over 30 minutes; see " + log);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "go install helm.sh/helm/v3/cmd/helm@"
              + VERSION
              + " failed (exit "
              + p.exitValue()
              + "):\n"
              + Files.readString(log));
    }
    System.out.println(
        "Installed helm " + VERSION + " into " + dir + " in " + took.toSeconds() + " s");
  }

  private static String findGo() {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("GOROOT");
    if (env != null) {
      candidates.add(Path.of(env, "bin", "go").toString());
    }
    candidates.add("/usr/local/go/bin/go");
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!p.isEmpty()) {
        candidates.add(Path.of(p, "go").toString());
      }
    }
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    throw new IllegalStateException(
        "helm "
            + VERSION
            + " is not in ~/.cache/vivace/helm and no Go toolchain"
            + " was found to build it (looked at "
            + candidates
            + "); install Go 1.24+ or pass -Dhelm.binary=PATH");
  }

  /** Runs helm with {@code args}. */
  static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("helm", ".out");
    Path err = Files.createTempFile("helm", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.put("HELM_CACHE_HOME", HOME.resolve("cache").toString());
    env.put("HELM_CONFIG_HOME", HOME.resolve("config").toString());
    env.put("HELM_DATA_HOME", HOME.resolve("data").toString());
    env.remove("KUBECONFIG");
    Process p = pb.start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "helm " + String.join(" ", args) + " did not finish in 2 minutes");
    }
    Result r =
        new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  private Helm() {}
}
