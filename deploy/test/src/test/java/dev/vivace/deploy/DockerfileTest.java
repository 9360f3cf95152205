package dev.vivace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.ConfigLoader;
import dev.vivace.server.config.VivaceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/Dockerfile against the server distribution ({@code mvn -B -q install -DskipTests} builds
 * modules/server/target/vivace.jar and target/lib/) and against Vivace's configuration.
 */
class DockerfileTest {

  static final String BUILD_COMMAND = "mvn -B -q install -DskipTests";

  final Dockerfile.Stage runtime = Image.FILE.runtime();

  @Test
  void buildStageRunsTheDocumentedBuildOnJdk17() {
    Dockerfile.Stage build = Image.FILE.stage("build");
    assertThat(build.image).contains("17");
    assertThat(build.all("RUN"))
        .extracting(Dockerfile.Instruction::args)
        .anySatisfy(run -> assertThat(run).endsWith(BUILD_COMMAND));
    // The same command as the README's quick start.
    assertThat(Repo.read(Repo.ROOT.resolve("README.md"))).contains(BUILD_COMMAND);
    assertThat(Image.buildContextDir()).isEqualTo("/src/");
  }

  @Test
  void runtimeCopiesExactlyTheDistributionTheBuildProduces() throws IOException {
    List<Dockerfile.Copy> fromBuild =
        runtime.copies().stream()
            .filter(c -> "build".equals(c.from()))
            .collect(Collectors.toList());
    Set<Path> distribution = new HashSet<>();
    for (Dockerfile.Copy c : fromBuild) {
      assertThat(c.sources()).hasSize(1);
      Path local = Image.localOfBuildPath(c.sources().get(0));
      if (local != null) {
        distribution.add(local);
      } else {
        // Only the data directory is made in the build stage (the runtime image has no shell).
        assertThat(c.sources().get(0)).startsWith("/rootfs/");
        assertThat(c.chown()).isEqualTo(runtime.last("USER").args());
      }
    }
    Path jar = Repo.SERVER_TARGET.resolve("vivace.jar");
    Path lib = Repo.SERVER_TARGET.resolve("lib");
    assertThat(distribution).containsExactlyInAnyOrder(jar, lib);

    // The built distribution exists, and lib/ is exactly the jar's manifest class path.
    assertThat(jar).as("run `%s` first", BUILD_COMMAND).isRegularFile();
    Manifest manifest;
    try (JarFile file = new JarFile(jar.toFile())) {
      manifest = file.getManifest();
    }
    assertThat(manifest.getMainAttributes().getValue("Main-Class"))
        .isEqualTo("dev.vivace.server.Main");
    Set<String> classPath =
        Set.of(manifest.getMainAttributes().getValue("Class-Path").trim().split("\\s+"));
    Set<String> libFiles;
    try (Stream<Path> files = Files.list(lib)) {
      libFiles = files.map(p -> "lib/" + p.getFileName()).collect(Collectors.toSet());
    }
    // Everything the manifest names is in lib/. Extra files can only be stale leftovers of an
    // earlier local build (copy-dependencies never deletes); the image is built from a context
    // without target/ directories, so its lib/ is exactly the class path.
    assertThat(libFiles).containsAll(classPath);
    if (!libFiles.equals(classPath)) {
      Set<String> stale = new HashSet<>(libFiles);
      stale.removeAll(classPath);
      System.out.println("Stale files in modules/server/target/lib (not in the image): " + stale);
    }

    // lib/ lands beside the jar, where the manifest's relative class path looks.
    String jarDest = copyDestOf(jar);
    String libDest = copyDestOf(lib);
    assertThat(libDest).isEqualTo(jarDest.substring(0, jarDest.lastIndexOf('/') + 1) + "lib/");
    assertThat(runtime.exec("ENTRYPOINT")).containsSubsequence("-jar", jarDest);
  }

  @Test
  void runtimeIsAShellFreeJre17RunningAsNonRoot() {
    assertThat(runtime.image).matches(".*(java17|17-jre).*");
    String user = runtime.last("USER").args();
    assertThat(user).matches("[0-9]+(:[0-9]+)?");
    assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
    // Exec form, java first: no shell is needed to start.
    List<String> entrypoint = runtime.exec("ENTRYPOINT");
    assertThat(entrypoint.get(0)).endsWith("/java");
    assertThat(runtime.all("RUN")).isEmpty();
    assertThat(runtime.all("SHELL")).isEmpty();
  }

  @Test
  void jvmFlagsComeFromTheArgumentFile() {
    List<String> entrypoint = runtime.exec("ENTRYPOINT");
    assertThat(entrypoint.get(1)).startsWith("@");
    assertThat(Image.localOf(entrypoint.get(1).substring(1)))
        .isEqualTo(Repo.DEPLOY.resolve("vivace.jvm-args"));
    List<String> flags =
        List.of(Repo.read(Repo.DEPLOY.resolve("vivace.jvm-args")).trim().split("\\s+"));
    assertThat(flags)
        .anyMatch(f -> f.matches("-XX:MaxRAMPercentage=[0-9.]+"))
        .contains("-XX:+ExitOnOutOfMemoryError")
        .noneMatch(f -> f.startsWith("-Xmx") || f.startsWith("-Xms"));
    // Everything after -jar is Vivace's: its flags are the CMD, so container args replace them.
    assertThat(entrypoint.subList(entrypoint.indexOf("-jar"), entrypoint.size())).hasSize(2);
  }

  @Test
  void portsAreVivacesDefaults() {
    Set<Integer> exposed =
        Stream.of(runtime.last("EXPOSE").args().split("\\s+"))
            .map(Integer::parseInt)
            .collect(Collectors.toSet());
    assertThat(exposed)
        .containsExactlyInAnyOrder(
            ConfigKeys.HTTP_LISTEN_PORT.defaultValue(),
            port(ConfigKeys.OTLP_GRPC_ENDPOINT.defaultValue()),
            port(ConfigKeys.OTLP_HTTP_ENDPOINT.defaultValue()));
    VivaceConfig config = defaultConfig();
    assertThat(config.get(ConfigKeys.HTTP_LISTEN_PORT))
        .isEqualTo(ConfigKeys.HTTP_LISTEN_PORT.defaultValue());
    assertThat(port(config.get(ConfigKeys.OTLP_GRPC_ENDPOINT))).isIn(exposed);
    assertThat(port(config.get(ConfigKeys.OTLP_HTTP_ENDPOINT))).isIn(exposed);
  }

  @Test
  void defaultConfigIsCopiedToTheCmdPathAndKeepsDataOnTheVolume() {
    assertThat(runtime.exec("CMD"))
        .containsExactly(
            "-config.file=" + copyDestOf(Repo.DEPLOY.resolve("vivace.yaml")),
            "-config.expand-env=true");
    String volume = runtime.last("VOLUME").args();
    assertThat(volume).startsWith("/").doesNotContain(" ");
    VivaceConfig config = defaultConfig();
    assertThat(config.warnings()).isEmpty();
    assertThat(config.get(ConfigKeys.WAL_PATH)).startsWith(volume + "/");
    assertThat(config.get(ConfigKeys.STORAGE_LOCAL_PATH)).startsWith(volume + "/");
    assertThat(runtime.last("WORKDIR").args()).isEqualTo(volume);
    // The non-root user owns the volume's directory.
    assertThat(runtime.copies())
        .anySatisfy(
            c -> {
              assertThat(c.dest()).isIn(volume, volume + "/");
              assertThat(c.chown()).isEqualTo(runtime.last("USER").args());
            });
  }

  @Test
  void buildContextLeavesOutLocalBuildOutput() {
    List<String> ignored =
        List.of(Repo.read(Repo.DEPLOY.resolve("Dockerfile.dockerignore")).split("\n"));
    assertThat(ignored).contains("**/target", ".git");
  }

  static VivaceConfig defaultConfig() {
    return ConfigLoader.load(Repo.DEPLOY.resolve("vivace.yaml"), true, Map.of());
  }

  static int port(String endpoint) {
    return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
  }

  private String copyDestOf(Path local) {
    for (Dockerfile.Copy c : runtime.copies()) {
      String dest = c.dest();
      if (local.equals(Image.localOf(dest))) {
        return dest;
      }
    }
    throw new AssertionError("the runtime stage does not copy " + local);
  }
}
