package dev.vivace.block;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Times as Go's {@code time.Time} JSON: RFC 3339 with nanoseconds, trailing zeros trimmed. */
final class GoTime {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Formats {@code t} in UTC, e.g. {@code 2024-09-05T13:02:01.80958009Z}. */
  static String format(Instant t) {
    StringBuilder s = new StringBuilder(SECONDS.format(t));
    int nanos = t.get(ChronoField.NANO_OF_SECOND);
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      s.append('.').append(frac, 0, end);
    }
    return s.append('Z').toString();
  }

  /**
   * Parses RFC 3339 with any offset and 0 to 9 fraction digits.
   *
   * @throws IllegalArgumentException if {@code s} is not such a time
   */
  static Instant parse(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time: " + s + " (expected: RFC 3339)", e);
    }
  }

  private GoTime() {}
}
