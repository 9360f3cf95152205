package dev.vivace.query.api;

import dev.vivace.tempopb.TagValue;
import dev.vivace.traceql.Static;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/** Tag values as Tempo reports them: a type name and the value's text, and their sort order. */
final class TagValues {

  /**
   * By type (string, int, float, bool, duration, then the status and kind keywords), then by value
   * within a type: strings by UTF-16 code units, numbers and durations numerically, keywords in
   * their TraceQL order.
   */
  static final Comparator<Static> ORDER =
      Comparator.comparingInt(TagValues::rank).thenComparing(TagValues::compareSameKind);

  private TagValues() {}

  /** {@code value} as a v2 {@link TagValue}, or null for {@code nil}, which is no value. */
  static @Nullable TagValue v2(Static value) {
    String type = type(value);
    return type == null ? null : TagValue.newBuilder().setType(type).setValue(text(value)).build();
  }

  /**
   * The bytes {@code value} takes of a v1 answer's {@code max_bytes_per_tag_values_query}: its text
   * in UTF-8, as Tempo counts a string; {@code nil}, which is left out, takes none.
   */
  static long v1Bytes(Static value) {
    return type(value) == null ? 0 : utf8Bytes(text(value));
  }

  /** As {@link #v1Bytes}, for a v2 answer, where Tempo counts the type name and the text. */
  static long v2Bytes(Static value) {
    String type = type(value);
    return type == null ? 0 : utf8Bytes(type) + utf8Bytes(text(value));
  }

  private static long utf8Bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Tempo's type name of {@code value}, or null for {@code nil}. */
  static @Nullable String type(Static value) {
    if (value instanceof Static.StringValue) {
      return "string";
    } else if (value instanceof Static.IntValue) {
      return "int";
    } else if (value instanceof Static.FloatValue) {
      return "float";
    } else if (value instanceof Static.BoolValue) {
      return "bool";
    } else if (value instanceof Static.DurationValue) {
      return "duration";
    } else if (value instanceof Static.StatusValue || value instanceof Static.KindValue) {
      return "keyword";
    }
    return null;
  }

  /** The value's text without quotes, numbers and durations as Go prints them. */
  static String text(Static value) {
    if (value instanceof Static.StringValue s) {
      return s.value();
    } else if (value instanceof Static.FloatValue f) {
      return GoFormat.formatFloat(f.value());
    } else if (value instanceof Static.DurationValue d) {
      return GoFormat.formatDuration(d.nanos());
    }
    return value.toString();
  }

  private static int rank(Static value) {
    if (value instanceof Static.StringValue) {
      return 0;
    } else if (value instanceof Static.IntValue) {
      return 1;
    } else if (value instanceof Static.FloatValue) {
      return 2;
    } else if (value instanceof Static.BoolValue) {
      return 3;
    } else if (value instanceof Static.DurationValue) {
      return 4;
    } else if (value instanceof Static.StatusValue) {
      return 5;
    } else if (value instanceof Static.KindValue) {
      return 6;
    }
    return 7;
  }

  /** Compares two values of the same {@link #rank}. */
  private static int compareSameKind(Static a, Static b) {
    if (a instanceof Static.StringValue x && b instanceof Static.StringValue y) {
      return x.value().compareTo(y.value());
    } else if (a instanceof Static.IntValue x && b instanceof Static.IntValue y) {
      return Long.compare(x.value(), y.value());
    } else if (a instanceof Static.FloatValue x && b instanceof Static.FloatValue y) {
      return Double.compare(x.value(), y.value());
    } else if (a instanceof Static.BoolValue x && b instanceof Static.BoolValue y) {
      return Boolean.compare(x.value(), y.value());
    } else if (a instanceof Static.DurationValue x && b instanceof Static.DurationValue y) {
      return Long.compare(x.nanos(), y.nanos());
    } else if (a instanceof Static.StatusValue x && b instanceof Static.StatusValue y) {
      return x.code().compareTo(y.code());
    } else if (a instanceof Static.KindValue x && b instanceof Static.KindValue y) {
      return x.kind().compareTo(y.kind());
    }
    return 0;
  }
}
