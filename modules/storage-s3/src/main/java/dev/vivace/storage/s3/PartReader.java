package dev.vivace.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads exactly the bytes a put needs from the caller's stream, failing if it ends early. */
final class PartReader {

  /**
   * Reads {@code n} bytes of an upload of {@code total} bytes, {@code done} of which were read
   * before.
   *
   * @throws IllegalArgumentException if the stream ends first
   */
  static byte[] read(InputStream in, int n, long done, long total) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading the object to store failed after " + done + " bytes", e);
    }
    if (bytes.length < n) {
      throw new IllegalArgumentException(
          "in: ended after " + (done + bytes.length) + " bytes (expected: length " + total + ")");
    }
    return bytes;
  }

  private PartReader() {}
}
