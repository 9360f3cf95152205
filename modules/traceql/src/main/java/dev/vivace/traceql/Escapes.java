package dev.vivace.traceql;

import java.util.function.IntFunction;

/** Decodes the backslash escapes of a double-quoted string, as Go's string literals have them. */
final class Escapes {

  private Escapes() {}

  /**
   * Decodes the escape whose backslash ends just before {@code pos}, appends it to {@code out} and
   * returns the position after it.
   */
  static int decode(
      String src, int pos, StringBuilder out, IntFunction<TraceQLParseException> error) {
    int backslash = pos - 1;
    if (pos >= src.length()) {
      throw error.apply(backslash);
    }
    char c = src.charAt(pos);
    switch (c) {
      case '"', '\\' -> out.append(c);
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case 'x' -> {
        return hex(src, pos + 1, 2, out, error, backslash);
      }
      case 'u' -> {
        return hex(src, pos + 1, 4, out, error, backslash);
      }
      case 'U' -> {
        return hex(src, pos + 1, 8, out, error, backslash);
      }
      default -> throw error.apply(backslash);
    }
    return pos + 1;
  }

  private static int hex(
      String src,
      int from,
      int digits,
      StringBuilder out,
      IntFunction<TraceQLParseException> error,
      int backslash) {
    if (from + digits > src.length()) {
      throw error.apply(backslash);
    }
    int codePoint;
    try {
      codePoint = Integer.parseInt(src.substring(from, from + digits), 16);
    } catch (NumberFormatException e) {
      throw error.apply(backslash);
    }
    if (!Character.isValidCodePoint(codePoint)) {
      throw error.apply(backslash);
    }
    out.appendCodePoint(codePoint);
    return from + digits;
  }
}
