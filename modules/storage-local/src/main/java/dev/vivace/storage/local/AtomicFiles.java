package dev.vivace.storage.local;

import dev.vivace.storage.StorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file by writing a temp file beside it and moving it into place atomically. */
final class AtomicFiles {

  /** File names starting with this are temp files: never listed, never valid key segments. */
  static final String TEMP_PREFIX = ".vivace-tmp-";

  /** What to write into the temp file. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  static boolean isTemp(String fileName) {
    return fileName.startsWith(TEMP_PREFIX);
  }

  static void write(Path target, String key, Body body) {
    Path dir = target.getParent();
    Path temp = null;
    try {
      // A concurrent delete may prune the (empty) directory between creating it and the temp file.
      for (int attempt = 0; ; attempt++) {
        try {
          Files.createDirectories(dir);
          temp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
          break;
        } catch (NoSuchFileException e) {
          if (attempt == 3) {
            throw e;
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(temp)) {
        body.writeTo(out);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new StorageException("filesystem of " + dir + " cannot move files atomically", e);
      }
      temp = null;
    } catch (IOException e) {
      throw IoErrors.translate("put " + key, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort; temp files are never listed
        }
      }
    }
  }

  private AtomicFiles() {}
}
