package dev.vivace.storage;

import static java.util.Objects.requireNonNull;

/**
 * The key rules every {@link ObjectStore} enforces, so that the same key is valid on a filesystem
 * and in a bucket: one or more non-empty segments joined by {@code /}, none of them {@code .} or
 * {@code ..}, and no backslash or NUL character.
 */
public final class ObjectKeys {

  /**
   * Checks {@code key} against the rules above.
   *
   * @return {@code key}
   * @throws IllegalArgumentException naming the fault
   */
  public static String validateKey(String key) {
    requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key: \"\" (expected: at least one segment)");
    }
    checkSegments(key, "key", false);
    return key;
  }

  /**
   * Checks a listing {@code prefix}: empty, or segments as in {@link #validateKey(String)} where
   * the last one may be partial and the prefix may end with {@code /}.
   *
   * @return {@code prefix}
   * @throws IllegalArgumentException naming the fault
   */
  public static String validatePrefix(String prefix) {
    requireNonNull(prefix, "prefix");
    if (!prefix.isEmpty()) {
      checkSegments(prefix, "prefix", true);
    }
    return prefix;
  }

  /** Joins {@code segments} with {@code /} and validates the result as a key. */
  public static String join(String... segments) {
    return validateKey(String.join("/", segments));
  }

  private static void checkSegments(String s, String what, boolean isPrefix) {
    if (s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          what + ": " + s + " (expected: no backslash or NUL character)");
    }
    String[] segments = s.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i];
      boolean last = i == segments.length - 1;
      if (seg.isEmpty() && !(isPrefix && last)) {
        throw new IllegalArgumentException(what + ": " + s + " (expected: no empty segment)");
      }
      if ((seg.equals(".") || seg.equals("..")) && !(isPrefix && last)) {
        throw new IllegalArgumentException(what + ": " + s + " (expected: no '.' or '..' segment)");
      }
    }
  }

  private ObjectKeys() {}
}
