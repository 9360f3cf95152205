package dev.vivace.testing.sts;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A token file laid out like the kubelet's projected volume: {@code token -> ..data/token}, {@code
 * ..data -> ..<generation>/}. Each {@link #write} creates a new generation directory and swaps
 * {@code ..data} atomically, then deletes the old generation, so a reader holding the old inode
 * would see a stale or missing file.
 */
public final class ProjectedTokenFile {

  private final Path dir;
  private int generation;

  private ProjectedTokenFile(Path dir) {
    this.dir = dir;
  }

  /** Creates the layout in {@code dir} (which must exist) holding {@code token}. */
  public static ProjectedTokenFile create(Path dir, String token) {
    requireNonNull(dir, "dir");
    ProjectedTokenFile f = new ProjectedTokenFile(dir);
    f.write(token);
    try {
      Files.createSymbolicLink(dir.resolve("token"), Path.of("..data", "token"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  /** The path pods are given: {@code <dir>/token}. */
  public Path path() {
    return dir.resolve("token");
  }

  /** Rotates the token the way the kubelet does. */
  public synchronized void write(String token) {
    requireNonNull(token, "token");
    try {
      Path previous =
          Files.isSymbolicLink(dir.resolve("..data"))
              ? dir.resolve(Files.readSymbolicLink(dir.resolve("..data")))
              : null;
      String name = "..gen_" + ++generation;
      Path generationDir = Files.createDirectory(dir.resolve(name));
      Files.writeString(generationDir.resolve("token"), token, StandardCharsets.UTF_8);
      Path tmp = dir.resolve("..data_tmp");
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, Path.of(name));
      Files.move(
          tmp,
          dir.resolve("..data"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      if (previous != null) {
        deleteRecursively(previous);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the token (an unmounted volume). */
  public synchronized void delete() {
    try {
      Files.deleteIfExists(dir.resolve("token"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  @Override
  public String toString() {
    return "ProjectedTokenFile{" + path() + "}";
  }
}
