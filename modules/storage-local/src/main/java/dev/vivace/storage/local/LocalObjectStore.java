package dev.vivace.storage.local;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.ObjectKeys;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ObjectStore} keeping each object in the file {@code <root>/<key>}, which for Tempo's
 * {@code <tenant>/<blockID>/<object>} keys is exactly Tempo's local backend layout. Writes go to a
 * temp file in the target directory and are moved into place atomically.
 */
public final class LocalObjectStore implements ObjectStore {

  /** Returns a store rooted at {@code root}. Does no I/O; the root is created on first write. */
  public static LocalObjectStore of(Path root) {
    requireNonNull(root, "root");
    return new LocalObjectStore(root.toAbsolutePath().normalize());
  }

  private final Path root;

  private LocalObjectStore(Path root) {
    this.root = root;
  }

  /** Returns the root directory. */
  public Path root() {
    return root;
  }

  @Override
  public void put(String key, byte[] bytes) {
    requireNonNull(bytes, "bytes");
    Path target = resolve(key);
    AtomicFiles.write(target, key, out -> out.write(bytes));
  }

  @Override
  public void put(String key, InputStream in, long length) {
    requireNonNull(in, "in");
    if (length < 0) {
      throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
    }
    Path target = resolve(key);
    AtomicFiles.write(target, key, out -> copyExactly(in, out, length, key));
  }

  private static void copyExactly(InputStream in, OutputStream out, long length, String key)
      throws IOException {
    byte[] buf = new byte[64 * 1024];
    long remaining = length;
    while (remaining > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
      if (n < 0) {
        throw new IllegalArgumentException(
            "length: "
                + length
                + " (expected: the stream for "
                + key
                + " to hold that many"
                + " bytes, it ended after "
                + (length - remaining)
                + ")");
      }
      out.write(buf, 0, n);
      remaining -= n;
    }
  }

  @Override
  public byte[] get(String key) {
    Path path = resolve(key);
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(key);
    } catch (IOException e) {
      if (Files.isDirectory(path)) {
        throw new ObjectNotFoundException(key);
      }
      throw IoErrors.translate("get " + key, e);
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
    }
    if (length < 0) {
      throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
    }
    Path path = resolve(key);
    if (Files.isDirectory(path)) {
      throw new ObjectNotFoundException(key);
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (offset + length > size) {
        throw new StorageException(
            "range ["
                + offset
                + ", "
                + (offset + length)
                + ") is past the end of "
                + key
                + " (size "
                + size
                + ")");
      }
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining()) {
        int n = ch.read(buf, offset + buf.position());
        if (n < 0) {
          throw new StorageException(key + " shrank while reading range at " + offset);
        }
      }
      return buf.array();
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(key);
    } catch (IOException e) {
      throw IoErrors.translate("getRange " + key, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    ObjectKeys.validatePrefix(prefix);
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try {
      // Entries that vanish during the walk (a temporary file renamed into place, a concurrent
      // delete) are skipped and the walk goes on: stopping there would return a partial listing,
      // and a poller would drop every block it did not reach.
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && !AtomicFiles.isTemp(file.getFileName().toString())) {
                String key = toKey(file);
                if (key.startsWith(prefix)) {
                  keys.add(key);
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
                throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      return List.of(); // the prefix itself vanished
    } catch (IOException e) {
      throw IoErrors.translate("list " + prefix, e);
    }
    Collections.sort(keys);
    return keys;
  }

  @Override
  public void delete(String key) {
    Path path = resolve(key);
    try {
      if (Files.isDirectory(path)) {
        return;
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw IoErrors.translate("delete " + key, e);
    }
    Path parent = path.getParent();
    if (parent != null) {
      pruneEmptyParents(parent);
    }
  }

  private void pruneEmptyParents(Path dir) {
    for (Path d = dir; d != null && !d.equals(root) && d.startsWith(root); d = d.getParent()) {
      try {
        Files.deleteIfExists(d);
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (IOException e) {
        return; // best effort: an empty directory left behind is harmless
      }
    }
  }

  @Override
  public void check() {
    Path existing = root;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new StorageException("local store root " + root + " is not a directory");
    }
    if (!Files.isWritable(existing)) {
      throw new StorageException("local store root " + existing + " is not writable");
    }
  }

  @Override
  public void close() {}

  private Path resolve(String key) {
    ObjectKeys.validateKey(key);
    for (String segment : key.split("/", -1)) {
      if (AtomicFiles.isTemp(segment)) {
        throw new IllegalArgumentException(
            "key: "
                + key
                + " (expected: no segment starting with "
                + AtomicFiles.TEMP_PREFIX
                + ")");
      }
    }
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("key: " + key + " (expected: a path inside the root)");
    }
    return path;
  }

  private String toKey(Path file) {
    Path rel = root.relativize(file);
    StringBuilder key = new StringBuilder();
    for (Path part : rel) {
      if (key.length() > 0) {
        key.append('/');
      }
      key.append(part);
    }
    return key.toString();
  }

  @Override
  public String toString() {
    return "LocalObjectStore{" + root + "}";
  }
}
