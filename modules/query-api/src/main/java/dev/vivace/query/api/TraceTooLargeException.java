package dev.vivace.query.api;

/** A combined trace is larger than {@code max_bytes_per_trace}; v1 answers 422. */
final class TraceTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TraceTooLargeException(long maxBytes) {
    super("trace exceeds max size (max bytes: " + maxBytes + ")", null, false, false);
  }
}
