package dev.vivace.query.api;

import dev.vivace.traceql.Static;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Parsers of query parameters that accept what Go's {@code strconv} and {@code time} packages
 * accept and fail with their messages, since Tempo's 400 bodies quote those messages.
 */
final class GoParsing {

  private static final long MAX_UINT32 = 0xFFFF_FFFFL;
  private static final long CUTOFF_63 = Long.MIN_VALUE; // 1 << 63 as an unsigned value
  private static final long MUL_CUTOFF = Long.divideUnsigned(-1L, 10) + 1;
  private static final long LEADING_INT_MAX = Long.divideUnsigned(CUTOFF_63, 10);

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoParsing() {}

  /**
   * {@code strconv.ParseInt(value, 10, 32)}.
   *
   * @throws IllegalArgumentException with Go's message, e.g. {@code strconv.ParseInt: parsing "x":
   *     invalid syntax}
   */
  static int parseInt32(String value) {
    return (int) parseSigned("ParseInt", value, 1L << 31);
  }

  /** {@code strconv.Atoi(value)} on a 64-bit platform. */
  static long atoi(String value) {
    return parseSigned("Atoi", value, CUTOFF_63);
  }

  /**
   * Go's signed parse: an optional sign, then decimal digits only. {@code cutoff} is the magnitude
   * of the most negative value (an unsigned {@code 1 << (bits-1)}).
   */
  private static long parseSigned(String function, String value, long cutoff) {
    String digits = value;
    boolean negative = false;
    if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
      negative = digits.charAt(0) == '-';
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      throw syntax(function, value);
    }
    // As Go's ParseUint: the magnitude is unsigned, at most 2^64-1 (Atoi) or 2^32-1 (32 bits).
    long max = cutoff == CUTOFF_63 ? -1L : MAX_UINT32;
    long n = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw syntax(function, value);
      }
      if (Long.compareUnsigned(n, MUL_CUTOFF) >= 0) {
        throw range(function, value);
      }
      long next = n * 10 + (c - '0');
      if (Long.compareUnsigned(next, n) < 0 || Long.compareUnsigned(next, max) > 0) {
        throw range(function, value);
      }
      n = next;
    }
    if (!negative && Long.compareUnsigned(n, cutoff) >= 0) {
      throw range(function, value);
    }
    if (negative && Long.compareUnsigned(n, cutoff) > 0) {
      throw range(function, value);
    }
    return negative ? -n : n;
  }

  private static IllegalArgumentException syntax(String function, String value) {
    return new IllegalArgumentException(
        "strconv." + function + ": parsing " + quoteStrconv(value) + ": invalid syntax");
  }

  private static IllegalArgumentException range(String function, String value) {
    return new IllegalArgumentException(
        "strconv." + function + ": parsing " + quoteStrconv(value) + ": value out of range");
  }

  /**
   * {@code time.ParseDuration(value)} in nanoseconds: {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+}, or
   * {@code 0}.
   *
   * @throws IllegalArgumentException with Go's message, e.g. {@code time: unknown unit "x" in
   *     duration "1x"}
   */
  static long parseDuration(String value) {
    byte[] s = value.getBytes(StandardCharsets.UTF_8);
    int i = 0;
    boolean negative = false;
    if (s.length > 0 && (s[0] == '-' || s[0] == '+')) {
      negative = s[0] == '-';
      i = 1;
    }
    if (s.length - i == 1 && s[i] == '0') {
      return 0;
    }
    if (i == s.length) {
      throw invalidDuration(value);
    }
    long total = 0; // unsigned, at most 1 << 63
    while (i < s.length) {
      if (!(s[i] == '.' || isDigit(s[i]))) {
        throw invalidDuration(value);
      }
      int intStart = i;
      long whole = 0;
      while (i < s.length && isDigit(s[i])) {
        if (Long.compareUnsigned(whole, LEADING_INT_MAX) > 0) {
          throw invalidDuration(value);
        }
        whole = whole * 10 + (s[i] - '0');
        if (Long.compareUnsigned(whole, CUTOFF_63) > 0) {
          throw invalidDuration(value);
        }
        i++;
      }
      boolean pre = i != intStart;
      long fraction = 0;
      double scale = 1;
      boolean post = false;
      if (i < s.length && s[i] == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        while (i < s.length && isDigit(s[i])) {
          if (!overflow) {
            if (fraction > Long.MAX_VALUE / 10) {
              overflow = true;
            } else {
              long y = fraction * 10 + (s[i] - '0');
              if (y < 0) {
                overflow = true;
              } else {
                fraction = y;
                scale *= 10;
              }
            }
          }
          i++;
        }
        post = i != fracStart;
      }
      if (!pre && !post) {
        throw invalidDuration(value);
      }
      int unitStart = i;
      while (i < s.length && !(s[i] == '.' || isDigit(s[i]))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration " + quoteTime(value));
      }
      String unitText = new String(s, unitStart, i - unitStart, StandardCharsets.UTF_8);
      Long unit = UNITS.get(unitText);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit "
                + quoteTime(s, unitStart, i)
                + " in duration "
                + quoteTime(value));
      }
      if (Long.compareUnsigned(whole, Long.divideUnsigned(CUTOFF_63, unit)) > 0) {
        throw invalidDuration(value);
      }
      long v = whole * unit;
      if (fraction > 0) {
        v += (long) ((double) fraction * ((double) unit / scale));
        if (Long.compareUnsigned(v, CUTOFF_63) > 0) {
          throw invalidDuration(value);
        }
      }
      total += v;
      if (Long.compareUnsigned(total, CUTOFF_63) > 0) {
        throw invalidDuration(value);
      }
    }
    if (negative) {
      return -total;
    }
    if (total == CUTOFF_63) {
      throw invalidDuration(value);
    }
    return total;
  }

  /** Go's {@code uint32(d.Milliseconds())}: truncated toward zero, then wrapped to 32 bits. */
  static long toUint32Millis(long nanos) {
    return (nanos / 1_000_000L) & MAX_UINT32;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static IllegalArgumentException invalidDuration(String value) {
    return new IllegalArgumentException("time: invalid duration " + quoteTime(value));
  }

  /** The {@code time} package's quoting: bytes outside printable ASCII become {@code \xNN}. */
  private static String quoteTime(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return quoteTime(bytes, 0, bytes.length);
  }

  private static String quoteTime(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder(to - from + 2).append('"');
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x20 || b >= 0x80) {
        out.append(String.format(Locale.ROOT, "\\x%02x", b));
      } else {
        if (b == '"' || b == '\\') {
          out.append('\\');
        }
        out.append((char) b);
      }
    }
    return out.append('"').toString();
  }

  /**
   * {@code strconv.Quote} as far as error messages need it: quotes, backslashes and control
   * characters escaped, which is also how a TraceQL string literal prints.
   */
  static String quoteStrconv(String value) {
    return new Static.StringValue(value).toString();
  }
}
