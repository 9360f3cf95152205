package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** A literal value. Each kind of literal is a record nested here. */
public sealed interface Static extends FieldExpression, ScalarExpression {

  /** A string, from {@code "..."} or back-ticks. */
  record StringValue(String value) implements Static {
    /** Creates a string literal. */
    public StringValue {
      requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return quote(value);
    }
  }

  /** An integer. */
  record IntValue(long value) implements Static {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A floating-point number. */
  record FloatValue(double value) implements Static {
    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /** {@code true} or {@code false}. */
  record BoolValue(boolean value) implements Static {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** {@code nil}: the attribute or intrinsic is absent. */
  record NilValue() implements Static {
    @Override
    public String toString() {
      return "nil";
    }
  }

  /** A duration in nanoseconds, printed in the largest unit that divides it exactly. */
  record DurationValue(long nanos) implements Static {
    @Override
    public String toString() {
      long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
      String[] units = {"h", "m", "s", "ms", "us"};
      for (int i = 0; i < sizes.length; i++) {
        if (nanos != 0 && nanos % sizes[i] == 0) {
          return nanos / sizes[i] + units[i];
        }
      }
      return nanos + "ns";
    }
  }

  /** A status keyword. */
  record StatusValue(StatusCode code) implements Static {
    /** Creates a status literal. */
    public StatusValue {
      requireNonNull(code, "code");
    }

    @Override
    public String toString() {
      return code.name().toLowerCase(Locale.ROOT);
    }
  }

  /** A span-kind keyword. */
  record KindValue(SpanKind kind) implements Static {
    /** Creates a kind literal. */
    public KindValue {
      requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
      return kind.name().toLowerCase(Locale.ROOT);
    }
  }

  /** The status keywords {@code ok}, {@code error} and {@code unset}. */
  enum StatusCode {
    /** {@code ok}. */
    OK,
    /** {@code error}. */
    ERROR,
    /** {@code unset}. */
    UNSET
  }

  /** The span-kind keywords. */
  enum SpanKind {
    /** {@code unspecified}. */
    UNSPECIFIED,
    /** {@code internal}. */
    INTERNAL,
    /** {@code server}. */
    SERVER,
    /** {@code client}. */
    CLIENT,
    /** {@code producer}. */
    PRODUCER,
    /** {@code consumer}. */
    CONSUMER
  }

  /**
   * {@code value} as a double-quoted TraceQL string, escaping {@code "}, {@code \} and controls.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
