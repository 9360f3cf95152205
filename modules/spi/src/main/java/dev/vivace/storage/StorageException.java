package dev.vivace.storage;

import org.jspecify.annotations.Nullable;

/**
 * A storage operation failed. The message names the key (or prefix) involved. Subclasses say why
 * when the caller can act on it: {@link ObjectNotFoundException}, {@link CapacityException}.
 */
public class StorageException extends RuntimeException {

  /** Creates an exception with {@code message}. */
  public StorageException(String message) {
    super(message);
  }

  /** Creates an exception with {@code message} caused by {@code cause}. */
  public StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
