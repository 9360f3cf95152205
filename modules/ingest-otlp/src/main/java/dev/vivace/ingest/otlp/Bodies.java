package dev.vivace.ingest.otlp;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.jspecify.annotations.Nullable;

/** Decompression of request bodies with a bound on the decompressed size. */
final class Bodies {

  /** The decompressed body would be larger than the limit. */
  static final class TooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(requireNonNull(message, "message"), null, false, false);
    }

    /** Returns the message, which is never null. */
    @Override
    public String getMessage() {
      return requireNonNull(super.getMessage());
    }
  }

  /** Returns true when {@code encoding} is one this server decodes. */
  static boolean isSupported(@Nullable String encoding) {
    return encoding == null || kind(encoding) != null;
  }

  /**
   * Returns {@code length} bytes of {@code body} from {@code offset}, decoded from {@code encoding}
   * (null or {@code identity}: as they are, without a copy when they are the whole array). {@code
   * inflated} hears the decoded size so far before each part of it is kept, and may refuse it by
   * throwing.
   *
   * @throws TooLargeException when the result would pass {@code maxBytes}
   * @throws IllegalArgumentException when the body is not valid for its encoding
   */
  static byte[] decode(
      @Nullable String encoding,
      byte[] body,
      int offset,
      int length,
      long maxBytes,
      String what,
      LongConsumer inflated) {
    String kind = encoding == null ? "identity" : kind(encoding);
    if (kind == null) {
      throw new IllegalArgumentException("unsupported encoding: " + encoding);
    }
    if (kind.equals("identity")) {
      if (length > maxBytes) {
        throw new TooLargeException(
            what + " larger than max (" + length + " vs. " + maxBytes + ")");
      }
      return offset == 0 && length == body.length
          ? body
          : Arrays.copyOfRange(body, offset, offset + length);
    }
    try (InputStream in =
        kind.equals("gzip")
            ? new GZIPInputStream(new ByteArrayInputStream(body, offset, length))
            : new InflaterInputStream(new ByteArrayInputStream(body, offset, length))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, length * 2));
      byte[] buf = new byte[16384];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException(
              what + " larger than max after decompression (more than " + maxBytes + " bytes)");
        }
        inflated.accept(total);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "body is not valid "
              + kind
              + ": "
              + (e.getMessage() == null ? "unreadable" : e.getMessage()));
    }
  }

  private static @Nullable String kind(String encoding) {
    return switch (encoding.trim().toLowerCase(Locale.ROOT)) {
      case "", "identity" -> "identity";
      case "gzip", "x-gzip" -> "gzip";
      case "deflate", "zlib" -> "deflate";
      default -> null;
    };
  }

  private Bodies() {}
}
