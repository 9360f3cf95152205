package dev.vivace.query.api;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Numbers printed as Tempo prints tag values: floats in Go's shortest {@code %g} form ({@code 0.5},
 * {@code 1e+06}) and durations in Go's {@code time.Duration} form ({@code 1m30s}, {@code 1.5ms}).
 */
final class GoFormat {

  private static final long SECOND = 1_000_000_000L;

  private GoFormat() {}

  /** {@code value} as Go's {@code strconv.FormatFloat(value, 'g', -1, 64)}. */
  static String formatFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
    if (value == 0) {
      return sign + "0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
    String digits = decimal.unscaledValue().toString();
    int pointAt = digits.length() - decimal.scale();
    int exponent = pointAt - 1;
    StringBuilder out = new StringBuilder(sign);
    if (exponent < -4 || exponent >= 6) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      return out.append(abs < 10 ? "0" : "").append(abs).toString();
    }
    if (pointAt <= 0) {
      return out.append("0.").append("0".repeat(-pointAt)).append(digits).toString();
    }
    if (pointAt >= digits.length()) {
      return out.append(digits).append("0".repeat(pointAt - digits.length())).toString();
    }
    return out.append(digits, 0, pointAt)
        .append('.')
        .append(digits, pointAt, digits.length())
        .toString();
  }

  /** {@code nanos} as Go's {@code time.Duration.String()}. */
  static String formatDuration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    // Unsigned from here on, so that Long.MIN_VALUE has a magnitude.
    long u = nanos < 0 ? -nanos : nanos;
    if (Long.compareUnsigned(u, SECOND) < 0) {
      if (u < 1_000) {
        return sign + u + "ns";
      }
      if (u < 1_000_000) {
        return sign + fraction(u, 1_000, 3) + "µs";
      }
      return sign + fraction(u, 1_000_000, 6) + "ms";
    }
    long whole = Long.divideUnsigned(u, SECOND);
    String seconds = fraction(u, SECOND, 9);
    String fractionPart = seconds.substring(Long.toString(whole).length());
    long hours = whole / 3600;
    long minutes = whole / 60 % 60;
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(whole % 60).append(fractionPart).append('s').toString();
  }

  /** {@code u / unit} with its fraction of {@code places} digits, trailing zeros dropped. */
  private static String fraction(long u, long unit, int places) {
    String whole = Long.toUnsignedString(Long.divideUnsigned(u, unit));
    String frac = String.format(Locale.ROOT, "%0" + places + "d", Long.remainderUnsigned(u, unit));
    int end = frac.length();
    while (end > 0 && frac.charAt(end - 1) == '0') {
      end--;
    }
    return end == 0 ? whole : whole + "." + frac.substring(0, end);
  }
}
