package dev.vivace.server.config;

/** The configuration cannot be used; the message says what to fix. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what to fix. */
  public ConfigException(String message) {
    super(message);
  }
}
