package dev.vivace.query.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tags} parameter of a legacy search: logfmt {@code k1=v1 k2="v 2"}, decoded as Tempo
 * decodes it (go-logfmt), with its error messages and 1-based byte positions. A key without {@code
 * =} has the empty value; records on several lines are merged.
 */
final class LogfmtTags {

  private final byte[] line;
  private int pos;
  private String key = "";
  private String value = "";

  private LogfmtTags(byte[] line) {
    this.line = line;
  }

  /**
   * Returns the tags in {@code encoded}, in order.
   *
   * @throws IllegalArgumentException {@code invalid tags: tag K has been set twice}, or {@code
   *     invalid tags: <what> at pos N}
   */
  static Map<String, String> parse(String encoded) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String text : encoded.split("\n", -1)) {
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      LogfmtTags decoder = new LogfmtTags(text.getBytes(StandardCharsets.UTF_8));
      while (decoder.next()) {
        if (tags.containsKey(decoder.key)) {
          throw new IllegalArgumentException(
              "invalid tags: tag " + decoder.key + " has been set twice");
        }
        tags.put(decoder.key, decoder.value);
      }
    }
    return tags;
  }

  /** Scans the next pair into {@link #key} and {@link #value}; false at the end of the line. */
  private boolean next() {
    key = "";
    value = "";
    while (pos < line.length && unsigned(line[pos]) <= ' ') {
      pos++;
    }
    if (pos == line.length) {
      return false;
    }
    int start = pos;
    while (pos < line.length) {
      int c = unsigned(line[pos]);
      if (c == '=') {
        if (pos == start) {
          throw unexpected(c);
        }
        key = checkedKey(start, pos);
        return value();
      }
      if (c == '"') {
        throw unexpected(c);
      }
      if (c <= ' ') {
        key = checkedKey(start, pos);
        return true;
      }
      pos++;
    }
    key = checkedKey(start, pos);
    return true;
  }

  private String checkedKey(int start, int end) {
    String k = new String(line, start, end - start, StandardCharsets.UTF_8);
    if (k.indexOf('\uFFFD') >= 0) {
      throw syntax("invalid key");
    }
    return k;
  }

  /** After the {@code =} at {@link #pos}. */
  private boolean value() {
    pos++;
    if (pos >= line.length) {
      return true;
    }
    int first = unsigned(line[pos]);
    if (first <= ' ') {
      return true;
    }
    if (first == '"') {
      return quotedValue();
    }
    int start = pos;
    while (pos < line.length) {
      int c = unsigned(line[pos]);
      if (c == '=' || c == '"') {
        throw unexpected(c);
      }
      if (c <= ' ') {
        break;
      }
      pos++;
    }
    value = new String(line, start, pos - start, StandardCharsets.UTF_8);
    return true;
  }

  private boolean quotedValue() {
    int start = pos;
    boolean escaped = false;
    boolean hasEscapes = false;
    for (int i = pos + 1; i < line.length; i++) {
      int c = unsigned(line[i]);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        hasEscapes = true;
        escaped = true;
      } else if (c == '"') {
        pos = i + 1;
        if (hasEscapes) {
          String unquoted = unquote(start + 1, i);
          if (unquoted == null) {
            throw syntax("invalid quoted value");
          }
          value = unquoted;
        } else {
          value = new String(line, start + 1, i - start - 1, StandardCharsets.UTF_8);
        }
        return true;
      }
    }
    pos = line.length;
    throw syntax("unterminated quoted value");
  }

  /** JSON string escapes, as go-logfmt accepts them; null when invalid. */
  private @Nullable String unquote(int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    int i = from;
    while (i < to) {
      int c = unsigned(line[i]);
      if (c == '\\') {
        if (i + 1 >= to) {
          return null;
        }
        int e = line[i + 1];
        switch (e) {
          case '"', '\\', '/', '\'' -> out.write(e);
          case 'b' -> out.write('\b');
          case 'f' -> out.write('\f');
          case 'n' -> out.write('\n');
          case 'r' -> out.write('\r');
          case 't' -> out.write('\t');
          case 'u' -> {
            int cp = hex4(i + 2, to);
            if (cp < 0) {
              return null;
            }
            i += 6;
            if (Character.isHighSurrogate((char) cp) && i + 1 < to && line[i] == '\\') {
              int low = line[i + 1] == 'u' ? hex4(i + 2, to) : -1;
              if (low >= 0 && Character.isLowSurrogate((char) low)) {
                writeUtf8(out, Character.toCodePoint((char) cp, (char) low));
                i += 6;
                continue;
              }
            }
            writeUtf8(out, Character.isSurrogate((char) cp) ? 0xFFFD : cp);
            continue;
          }
          default -> {
            return null;
          }
        }
        i += 2;
      } else if (c < ' ') {
        return null;
      } else {
        out.write(c);
        i++;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private int hex4(int from, int to) {
    if (from + 4 > to) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + 4; i++) {
      int d = Character.digit(line[i], 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  private static void writeUtf8(ByteArrayOutputStream out, int codePoint) {
    out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
  }

  private static int unsigned(byte b) {
    return b & 0xFF;
  }

  /** go-logfmt's {@code unexpected %q}: the byte as a Go character literal. */
  private IllegalArgumentException unexpected(int c) {
    String literal = c == '\'' ? "'\\''" : "'" + (char) c + "'";
    return syntax("unexpected " + literal);
  }

  private IllegalArgumentException syntax(String what) {
    return new IllegalArgumentException("invalid tags: " + what + " at pos " + (pos + 1));
  }
}
