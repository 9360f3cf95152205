package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.StorageException;
import org.jspecify.annotations.Nullable;

/**
 * An object of a block could be read but not decoded: it is corrupt, truncated, or not in the
 * format its {@code meta.json} claims. Retrying does not help. The message names the block and the
 * object.
 */
public class CorruptObjectException extends StorageException {

  private final String key;

  /**
   * Creates an exception for object {@code key} with a description of what is wrong ({@code null}
   * when the decoder gave none).
   */
  public CorruptObjectException(String key, @Nullable String detail, @Nullable Throwable cause) {
    super(
        "corrupt object "
            + requireNonNull(key, "key")
            + ": "
            + (detail != null ? detail : "cannot decode"),
        cause);
    this.key = key;
  }

  /** Returns the key of the corrupt object, {@code <tenant>/<blockID>/<object>}. */
  public String key() {
    return key;
  }
}
