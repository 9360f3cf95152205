package dev.vivace.query.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code {tagName}} of {@code .../search/tag/{tagName}/values}, read as Tempo reads it:
 * everything between the route's {@code /tag/} and the last {@code /values}, so the name may hold
 * raw slashes, then decoded twice, once as a path and once as a query value ({@code +} is a space).
 * Grafana encodes the tag twice and its proxy may or may not decode once, so {@code span.a%2Fb},
 * {@code span.a%252Fb} and {@code span.a/b} all name {@code span.a/b}.
 */
final class TagPath {

  private TagPath() {}

  /**
   * The tag named by {@code path}, the request's path as received (still percent-encoded), which
   * starts with {@code route} and ends with {@code /values}.
   *
   * @throws IllegalArgumentException if the name is empty or badly encoded
   */
  static String tagName(String path, String route) {
    int end = path.lastIndexOf("/values");
    if (!path.startsWith(route) || end < route.length()) {
      throw new IllegalArgumentException("please provide a tagName");
    }
    String raw = path.substring(route.length(), end);
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("please provide a non-empty tagName");
    }
    String name = unescape(unescape(raw, false), true);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("please provide a non-empty tagName");
    }
    return name;
  }

  /** Percent-decodes {@code s} as UTF-8; with {@code plusIsSpace}, {@code +} is a space. */
  private static String unescape(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%') {
        int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
        int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
        if (lo < 0) {
          throw new IllegalArgumentException("error in unescaping tagName");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (b == '+' && plusIsSpace) {
        out.write(' ');
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
