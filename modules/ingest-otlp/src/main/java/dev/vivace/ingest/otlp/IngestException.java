package dev.vivace.ingest.otlp;

/**
 * A request that is refused as a whole, with the gRPC status code it maps to. The message is shown
 * to the client and must not contain request data beyond what helps fix it.
 */
final class IngestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RpcCode code;

  IngestException(RpcCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  RpcCode code() {
    return code;
  }
}
