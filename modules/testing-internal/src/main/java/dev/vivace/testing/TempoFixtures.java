package dev.vivace.testing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the Tempo fixtures shared by all work trees at {@code ../shared/fixtures/tempo} relative
 * to the repository, by walking up from the working directory. Tests read them in place and never
 * copy them into the repository.
 */
public final class TempoFixtures {

  /** The vParquet4 test block's ID. */
  public static final String VPARQUET4_BLOCK_ID = "b27b0e53-66a0-4505-afd6-434ae3cd4a10";

  /** The tenant of the vParquet4 test block. */
  public static final String VPARQUET4_TENANT = "single-tenant";

  private static final String RELATIVE = "shared/fixtures/tempo";

  /** Returns the fixture root ({@code …/shared/fixtures/tempo}). */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve(RELATIVE);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("Tempo fixtures not found: no " + RELATIVE + " above " + dir);
  }

  /** Returns {@code relative} resolved against {@link #root()}; it must exist. */
  public static Path resolve(String relative) {
    requireNonNull(relative, "relative");
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("Tempo fixture missing: " + p);
    }
    return p;
  }

  /**
   * Returns the directory that is a local-backend root holding tenant {@value #VPARQUET4_TENANT}
   * with the vParquet4 test block.
   */
  public static Path vparquet4BackendRoot() {
    return resolve("tempodb/encoding/vparquet4/test-data");
  }

  /** Returns the directory of the vParquet4 test block. */
  public static Path vparquet4Block() {
    return vparquet4BackendRoot().resolve(VPARQUET4_TENANT).resolve(VPARQUET4_BLOCK_ID);
  }

  private TempoFixtures() {}
}
