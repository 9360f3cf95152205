package dev.vivace.storage;

import java.io.InputStream;
import java.util.List;

/**
 * A raw object store: opaque byte objects under keys made of {@code /}-separated segments, such as
 * Tempo's {@code <tenant>/<blockID>/<object>}. See {@link ObjectKeys} for the key rules.
 *
 * <p>Implementations are thread-safe, do no I/O when constructed, and report failures with the
 * unchecked {@link StorageException} hierarchy: {@link ObjectNotFoundException} when an object is
 * missing and {@link CapacityException} when the store is throttling or full. Invalid arguments (a
 * malformed key, a negative range) throw {@link IllegalArgumentException}. Every method may block
 * on I/O and must not run on an event loop.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Stores {@code bytes} under {@code key}, replacing any existing object. Readers see either the
   * old object or the complete new one, never a partial write.
   *
   * <p>Idempotent: a retry writes the same bytes again and leaves the same result.
   */
  void put(String key, byte[] bytes);

  /**
   * Stores exactly {@code length} bytes read from {@code in} under {@code key}, replacing any
   * existing object, with the same visibility guarantee as {@link #put(String, byte[])}. The stream
   * is read but not closed. If {@code in} ends before {@code length} bytes, nothing is stored and
   * {@link IllegalArgumentException} is thrown.
   *
   * <p>Idempotent only if the caller can replay the stream: a retry needs a fresh stream with the
   * same content, and then leaves the same result.
   */
  void put(String key, InputStream in, long length);

  /**
   * Returns the whole object stored under {@code key}.
   *
   * <p>Idempotent and free of side effects; a retry reads the object again.
   *
   * @throws ObjectNotFoundException if there is no such object
   */
  byte[] get(String key);

  /**
   * Returns {@code length} bytes of the object under {@code key}, starting at {@code offset}.
   *
   * <p>Idempotent and free of side effects; a retry reads the range again.
   *
   * @throws ObjectNotFoundException if there is no such object
   * @throws StorageException if the object ends before {@code offset + length}
   * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
   */
  byte[] getRange(String key, long offset, int length);

  /**
   * Returns the keys of all objects whose key starts with {@code prefix}, at any depth, sorted in
   * ascending {@link String} order. An empty prefix lists the whole store; a prefix that matches
   * nothing yields an empty list. A listing taken while others write may miss or include objects
   * written concurrently.
   *
   * <p>Idempotent and free of side effects; a retry lists again and may see newer objects.
   */
  List<String> list(String prefix);

  /**
   * Returns the "directories" directly below {@code prefix}: the distinct segments that follow
   * {@code prefix} in keys that have at least one more segment after them, sorted in ascending
   * {@link String} order. {@code prefix} is empty or ends with {@code /}. For the keys {@code
   * a/1/meta.json}, {@code a/index.json.gz} and {@code seed.json}, the children of {@code ""} are
   * {@code [a]} and those of {@code "a/"} are {@code [1]}. This is how tenants are found without
   * listing their blocks. Like {@link #list}, a listing taken while others write may miss or
   * include objects written concurrently.
   *
   * <p>The default derives the answer from {@link #list}; stores that can list one level at a time
   * override it.
   *
   * <p>Idempotent and free of side effects; a retry lists again and may see newer objects.
   *
   * @throws IllegalArgumentException if {@code prefix} is neither empty nor ends with {@code /}
   */
  default List<String> listChildren(String prefix) {
    ObjectKeys.validatePrefix(prefix);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "prefix: " + prefix + " (expected: empty or ending with '/')");
    }
    java.util.TreeSet<String> children = new java.util.TreeSet<>();
    for (String key : list(prefix)) {
      int slash = key.indexOf('/', prefix.length());
      if (slash > prefix.length()) {
        children.add(key.substring(prefix.length(), slash));
      }
    }
    return List.copyOf(children);
  }

  /**
   * Deletes the object under {@code key}. Deleting a missing object is not an error.
   *
   * <p>Idempotent: a retry after a success (whose answer was lost, say) does nothing.
   */
  void delete(String key);

  /**
   * Checks that the store is reachable and usable, for health checks and fail-fast start-up.
   *
   * <p>Idempotent and free of visible side effects; a retry checks again.
   *
   * @throws StorageException describing why the store is not usable
   */
  void check();

  /**
   * Returns true if {@code t} (or one of its causes) means the store is over capacity, so callers
   * should back off and answer 429 or 503. Decorators that translate vendor errors override this.
   */
  default boolean isOverCapacity(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CapacityException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /**
   * Releases resources held by the store. Idempotent: closing twice does nothing the second time.
   * Other methods may fail after close.
   */
  @Override
  void close();
}
