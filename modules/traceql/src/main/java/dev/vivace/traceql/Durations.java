package dev.vivace.traceql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses durations as Go's {@code time.ParseDuration} does: one or more decimal numbers, each with
 * a unit ({@code ns us µs ms s m h}), such as {@code 1m30s} or {@code 1.5s}.
 */
final class Durations {

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

  private Durations() {}

  /** The duration {@code text} in nanoseconds, or null if it is not a duration. */
  static @Nullable Long parse(String text) {
    BigDecimal total = BigDecimal.ZERO;
    int pos = 0;
    while (pos < text.length()) {
      int numberStart = pos;
      while (pos < text.length()
          && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      int unitStart = pos;
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      Long unit = UNITS.get(text.substring(unitStart, pos));
      if (unitStart == numberStart || unit == null) {
        return null;
      }
      try {
        total =
            total.add(
                new BigDecimal(text.substring(numberStart, unitStart))
                    .multiply(BigDecimal.valueOf(unit)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return total.setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
