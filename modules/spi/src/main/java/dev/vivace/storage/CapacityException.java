package dev.vivace.storage;

import org.jspecify.annotations.Nullable;

/**
 * The store refused or could not finish the operation for lack of capacity: throttling (for example
 * S3 {@code SlowDown}), a full disk, or a quota. Callers should back off before retrying, and
 * request handlers answer 429 or 503.
 */
public class CapacityException extends StorageException {

  /** Creates an exception with {@code message}. */
  public CapacityException(String message) {
    super(message);
  }

  /** Creates an exception with {@code message} caused by {@code cause}. */
  public CapacityException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
