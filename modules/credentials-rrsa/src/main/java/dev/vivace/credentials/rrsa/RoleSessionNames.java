package dev.vivace.credentials.rrsa;

import java.util.regex.Pattern;

/** STS accepts role session names of 2 to 64 characters from {@code [A-Za-z0-9.@_-]}. */
final class RoleSessionNames {

  static final Pattern VALID = Pattern.compile("^[A-Za-z0-9.@_-]{2,64}$");

  /** Replaces other characters by {@code -}, truncates to 64 and pads to at least 2 characters. */
  static String sanitize(String name) {
    String s = name.strip().replaceAll("[^A-Za-z0-9.@_-]", "-");
    if (s.length() > 64) {
      s = s.substring(0, 64);
    }
    while (s.length() < 2) {
      s = s + "-";
    }
    return s;
  }

  /** Fails fast on an explicitly configured name that STS would reject. */
  static String validate(String name) {
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "roleSessionName: " + name + " (expected: 2 to 64 characters from [A-Za-z0-9.@_-])");
    }
    return name;
  }

  private RoleSessionNames() {}
}
