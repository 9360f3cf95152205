package dev.vivace.storage;

import static java.util.Objects.requireNonNull;

/** The object asked for does not exist. Retrying does not help unless someone writes it. */
public class ObjectNotFoundException extends StorageException {

  private final String key;

  /** Creates an exception for the missing object {@code key}. */
  public ObjectNotFoundException(String key) {
    super("object not found: " + requireNonNull(key, "key"));
    this.key = key;
  }

  /** Returns the key of the missing object. */
  public String key() {
    return key;
  }
}
