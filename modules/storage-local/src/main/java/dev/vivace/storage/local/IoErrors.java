package dev.vivace.storage.local;

import dev.vivace.storage.CapacityException;
import dev.vivace.storage.StorageException;
import java.io.IOException;

/** Maps filesystem errors to the storage exception hierarchy. */
final class IoErrors {

  static StorageException translate(String operation, IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
      return new CapacityException(operation + " failed: " + message, e);
    }
    return new StorageException(operation + " failed: " + e, e);
  }

  private IoErrors() {}
}
