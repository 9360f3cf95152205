package dev.vivace.query.api;

/** Durations written as Go's {@code time.Duration.String()} writes them, as Tempo shows them. */
final class GoDurations {

  private static final long MICRO = 1_000L;
  private static final long MILLI = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  /**
   * Formats {@code nanos}: {@code 0s}, {@code 450ns}, {@code 1.5ms}, {@code 1m30s}, {@code
   * 168h0m0s}.
   */
  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    // Long.MIN_VALUE has no positive counterpart; one nanosecond off is invisible here.
    long u = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
    if (u < MICRO) {
      return sign + u + "ns";
    }
    if (u < MILLI) {
      return sign + fraction(u, MICRO, 3) + "µs";
    }
    if (u < SECOND) {
      return sign + fraction(u, MILLI, 6) + "ms";
    }
    long seconds = u / SECOND;
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h').append(minutes).append('m');
    } else if (minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(fraction(u % (60 * SECOND), SECOND, 9)).append('s').toString();
  }

  /** {@code value / unit} with the remainder as up to {@code digits} decimals, zeros trimmed. */
  private static String fraction(long value, long unit, int digits) {
    long whole = value / unit;
    long rest = value % unit;
    if (rest == 0) {
      return Long.toString(whole);
    }
    String decimals = String.format("%0" + digits + "d", rest).replaceFirst("0+$", "");
    return whole + "." + decimals;
  }

  private GoDurations() {}
}
