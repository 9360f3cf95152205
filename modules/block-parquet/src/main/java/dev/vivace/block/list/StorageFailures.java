package dev.vivace.block.list;

/** How storage failures are named in logs and in partial answers. */
final class StorageFailures {

  /**
   * Returns the exception's simple class name and message. The SPI's storage exceptions name the
   * operation and key, never a credential, so the result may be shown to clients.
   */
  static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private StorageFailures() {}
}
