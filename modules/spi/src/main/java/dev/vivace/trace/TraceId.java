package dev.vivace.trace;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A 128-bit trace ID. IDs typed by people or passed by tools are parsed the way Tempo parses them:
 * 1 to 32 hex digits, case-insensitive, left-padded with zeros, so {@code 1234} and {@code
 * 00000000000000000000000000001234} are the same trace.
 */
public final class TraceId implements Comparable<TraceId> {

  /** The number of bytes in a trace ID. */
  public static final int SIZE = 16;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] bytes;

  private TraceId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns the trace ID held by {@code bytes}, which must be exactly {@value #SIZE} bytes long.
   */
  public static TraceId of(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException(
          "trace ids must be 128 bit, received " + bytes.length * 8 + " bits");
    }
    return new TraceId(bytes.clone());
  }

  /**
   * Returns the trace ID held by {@code bytes}, which must be exactly {@value #SIZE} bytes long.
   */
  public static TraceId of(ByteString bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.size() != SIZE) {
      throw new IllegalArgumentException(
          "trace ids must be 128 bit, received " + bytes.size() * 8 + " bits");
    }
    return new TraceId(bytes.toByteArray());
  }

  /**
   * Parses a trace ID as Tempo's query API does.
   *
   * @throws IllegalArgumentException with Tempo's message when {@code hex} is empty, holds a
   *     character that is not a hex digit, or decodes to more than 128 bits
   */
  public static TraceId parse(String hex) {
    requireNonNull(hex, "hex");
    for (int i = 0; i < hex.length(); i++) {
      if (!isHexDigit(hex.charAt(i))) {
        throw new IllegalArgumentException(
            "trace IDs can only contain hex characters: invalid character '"
                + hex.charAt(i)
                + "' at position "
                + (i + 1));
      }
    }
    if (hex.isEmpty()) {
      throw new IllegalArgumentException("trace ID is empty");
    }
    // An odd number of digits gets a leading zero, as Tempo does before hex-decoding.
    String even = (hex.length() % 2 == 1) ? "0" + hex : hex;
    int decodedLength = even.length() / 2;
    if (decodedLength > SIZE) {
      throw new IllegalArgumentException("trace IDs can't be larger than 128 bits");
    }
    byte[] bytes = new byte[SIZE];
    int offset = SIZE - decodedLength;
    for (int i = 0; i < decodedLength; i++) {
      int hi = Character.digit(even.charAt(2 * i), 16);
      int lo = Character.digit(even.charAt(2 * i + 1), 16);
      bytes[offset + i] = (byte) ((hi << 4) | lo);
    }
    return new TraceId(bytes);
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Returns a copy of the 16 bytes of this ID. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Returns the 16 bytes of this ID as a {@link ByteString}. */
  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  /** Returns 32 lower-case hex digits. */
  public String toHex() {
    return hex(bytes);
  }

  /**
   * Returns lower-case hex with leading zeros trimmed, the form Tempo uses in search results; the
   * all-zero ID renders as {@code 0}.
   */
  public String toTrimmedHex() {
    String full = toHex();
    int i = 0;
    while (i < full.length() - 1 && full.charAt(i) == '0') {
      i++;
    }
    return full.substring(i);
  }

  /** Returns lower-case hex digits for {@code bytes}, two per byte. */
  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  @Override
  public int compareTo(TraceId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TraceId traceId && Arrays.equals(bytes, traceId.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
