package dev.vivace.testing.s3;

/**
 * Failures the front can answer instead of forwarding a request, each with an S3/OSS error
 * envelope.
 */
public enum S3Fault {
  /** 503 {@code SlowDown}: S3's throttling answer. */
  SLOW_DOWN(503, "SlowDown", "Please reduce your request rate."),
  /** 503 {@code ServiceUnavailable}. */
  SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "Please reduce your request rate."),
  /** 500 {@code InternalError}. */
  INTERNAL_ERROR(500, "InternalError", "We encountered an internal error. Please try again.");

  private final int status;
  private final String code;
  private final String message;

  S3Fault(int status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String message() {
    return message;
  }
}
