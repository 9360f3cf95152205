package dev.vivace.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The image deploy/Dockerfile builds, seen from this checkout: which local file each path in the
 * runtime image comes from, and the image's command line with those paths made local.
 */
final class Image {

  static final Dockerfile FILE = Dockerfile.parse(Repo.read(Repo.DOCKERFILE));

  /** The directory the build stage copies the build context (the repository) into. */
  static String buildContextDir() {
    Dockerfile.Stage build = FILE.stage("build");
    for (Dockerfile.Copy c : build.copies()) {
      if (c.from() == null && c.sources().equals(List.of("."))) {
        return c.dest().endsWith("/") ? c.dest() : c.dest() + "/";
      }
    }
    throw new IllegalStateException(
        "the build stage does not copy the build context with COPY . <dir>");
  }

  /** The repository file a path of the build stage corresponds to, or null for generated ones. */
  static @Nullable Path localOfBuildPath(String path) {
    String context = buildContextDir();
    return path.startsWith(context) ? Repo.ROOT.resolve(path.substring(context.length())) : null;
  }

  /** The local file or directory a path of the runtime image comes from, or null. */
  static @Nullable Path localOf(String imagePath) {
    for (Dockerfile.Copy c : FILE.runtime().copies()) {
      if (c.sources().size() != 1) {
        continue;
      }
      String source = c.sources().get(0);
      Path local =
          c.from() == null
              ? Repo.ROOT.resolve(source)
              : "build".equals(c.from()) ? localOfBuildPath(source) : null;
      if (local == null) {
        continue;
      }
      if (imagePath.equals(c.dest()) || imagePath.equals(trim(c.dest()))) {
        return local;
      }
      if (c.dest().endsWith("/") && imagePath.startsWith(c.dest())) {
        return local.resolve(imagePath.substring(c.dest().length()));
      }
    }
    return null;
  }

  /**
   * ENTRYPOINT followed by CMD, with the image's java replaced by {@code java} and every image path
   * replaced by the local file it is copied from.
   */
  static List<String> localCommand(Path java) {
    List<String> image = new ArrayList<>(FILE.runtime().exec("ENTRYPOINT"));
    image.addAll(FILE.runtime().exec("CMD"));
    List<String> out = new ArrayList<>();
    out.add(java.toString());
    for (String arg : image.subList(1, image.size())) {
      out.add(localArg(arg));
    }
    return out;
  }

  private static String localArg(String arg) {
    if (arg.startsWith("@/")) {
      return "@" + required(arg.substring(1));
    }
    int eq = arg.indexOf("=/");
    if (arg.startsWith("-") && eq > 0) {
      return arg.substring(0, eq + 1) + required(arg.substring(eq + 1));
    }
    if (arg.startsWith("/")) {
      return required(arg).toString();
    }
    return arg;
  }

  private static Path required(String imagePath) {
    Path local = localOf(imagePath);
    if (local == null) {
      throw new IllegalStateException(
          "the image path " + imagePath + " is not copied from this repository");
    }
    return local;
  }

  private static String trim(String dest) {
    return dest.endsWith("/") ? dest.substring(0, dest.length() - 1) : dest;
  }

  private Image() {}
}
