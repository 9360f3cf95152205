package dev.vivace.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One configuration key, defined once: its YAML path (Tempo's layout), type, default, the rule its
 * values must follow, its documentation and the environment variable that overrides it.
 *
 * @param <T> the type of the value
 */
public final class ConfigKey<T> {

  /** The value types keys can have. */
  public enum Type {
    BOOL,
    INT,
    LONG,
    STRING,
    DURATION
  }

  private final String path;
  private final Type type;
  private final T defaultValue;
  private final Predicate<T> rule;
  private final String ruleText;
  private final String doc;
  private final boolean secret;

  private ConfigKey(
      String path,
      Type type,
      T defaultValue,
      Predicate<T> rule,
      String ruleText,
      String doc,
      boolean secret) {
    this.path = requireNonNull(path, "path");
    this.type = requireNonNull(type, "type");
    this.defaultValue = requireNonNull(defaultValue, "defaultValue");
    this.rule = requireNonNull(rule, "rule");
    this.ruleText = requireNonNull(ruleText, "ruleText");
    this.doc = requireNonNull(doc, "doc");
    this.secret = secret;
    if (!rule.test(defaultValue)) {
      throw new IllegalArgumentException("default of " + path + " breaks its own rule");
    }
  }

  static ConfigKey<Boolean> bool(String path, boolean defaultValue, String doc) {
    return new ConfigKey<>(path, Type.BOOL, defaultValue, v -> true, "", doc, false);
  }

  static ConfigKey<Integer> integer(
      String path, int defaultValue, Predicate<Integer> rule, String ruleText, String doc) {
    return new ConfigKey<>(path, Type.INT, defaultValue, rule, ruleText, doc, false);
  }

  static ConfigKey<Long> longValue(
      String path, long defaultValue, Predicate<Long> rule, String ruleText, String doc) {
    return new ConfigKey<>(path, Type.LONG, defaultValue, rule, ruleText, doc, false);
  }

  static ConfigKey<String> string(
      String path, String defaultValue, Predicate<String> rule, String ruleText, String doc) {
    return new ConfigKey<>(path, Type.STRING, defaultValue, rule, ruleText, doc, false);
  }

  /**
   * A string that is a credential: it defaults to empty, any value is accepted, and its value is
   * never shown (not in messages, not in {@link VivaceConfig#toString()}).
   */
  static ConfigKey<String> secret(String path, String doc) {
    return new ConfigKey<>(path, Type.STRING, "", v -> true, "", doc, true);
  }

  static ConfigKey<Duration> duration(
      String path, Duration defaultValue, Predicate<Duration> rule, String ruleText, String doc) {
    return new ConfigKey<>(path, Type.DURATION, defaultValue, rule, ruleText, doc, false);
  }

  /** The dotted YAML path, e.g. {@code server.http_listen_port}. */
  public String path() {
    return path;
  }

  /** The value type. */
  public Type type() {
    return type;
  }

  /** The value used when neither the file nor the environment sets the key. */
  public T defaultValue() {
    return defaultValue;
  }

  /** What the key does. */
  public String doc() {
    return doc;
  }

  /** Whether the value is a credential, never to be shown. */
  public boolean isSecret() {
    return secret;
  }

  /** The rule values must follow, as text; empty when any value of the type is fine. */
  public String ruleText() {
    return ruleText;
  }

  /**
   * The environment variable that overrides the key, e.g. {@code VIVACE_SERVER_HTTP_LISTEN_PORT}.
   */
  public String envVar() {
    return "VIVACE_" + path.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /**
   * Converts a value read from YAML or the environment to this key's type and checks its rule.
   *
   * @param where where the value came from, for the message: a file and position, an environment
   *     variable
   * @throws ConfigException with a message naming the key, where the value came from and what is
   *     expected; never the value, which may be a credential or something put on the wrong key
   */
  T convert(Object raw, String where) {
    T value;
    try {
      value = type.equals(Type.STRING) ? cast(raw.toString()) : cast(parse(raw));
    } catch (RuntimeException e) {
      throw new ConfigException(
          path + ": invalid value in " + where + " (expected: " + expected() + ")");
    }
    if (!rule.test(value)) {
      throw new ConfigException(
          path + ": invalid value in " + where + " (expected: " + ruleText + ")");
    }
    return value;
  }

  private Object parse(Object raw) {
    if (type == Type.DURATION && raw instanceof Duration) {
      return raw;
    }
    if (type == Type.LONG && raw instanceof Integer i) {
      return i.longValue();
    }
    String text = raw.toString().trim();
    switch (type) {
      case BOOL -> {
        if (raw instanceof Boolean) {
          return raw;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(text);
      }
      case INT -> {
        return Integer.parseInt(text);
      }
      case LONG -> {
        return Long.parseLong(text);
      }
      case DURATION -> {
        return Durations.parse(text);
      }
      default -> {
        return text;
      }
    }
  }

  /** What a value of this key must be, as text: its type, and its rule if it has one. */
  String expected() {
    String base =
        switch (type) {
          case BOOL -> "true or false";
          case INT, LONG -> "a whole number";
          case DURATION -> "a duration such as 5s, 1m30s";
          default -> "a string";
        };
    return ruleText.isEmpty() ? base : base + ", " + ruleText;
  }

  @SuppressWarnings("unchecked")
  private T cast(Object value) {
    return (T) value;
  }

  @Override
  public String toString() {
    return path;
  }
}
