package dev.vivace.ingest.otlp;

import java.time.Duration;

/**
 * A request that is refused as a whole, with the gRPC status code it maps to. The message is shown
 * to the client and must not contain request data beyond what helps fix it.
 */
final class IngestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RpcCode code;
  private final Duration retryAfter;

  IngestException(RpcCode code, String message) {
    this(code, message, Duration.ZERO);
  }

  IngestException(RpcCode code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  RpcCode code() {
    return code;
  }

  /** How long the client should wait before retrying; zero for no hint. */
  Duration retryAfter() {
    return retryAfter;
  }
}
