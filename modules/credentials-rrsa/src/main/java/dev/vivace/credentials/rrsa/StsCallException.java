package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A failed exchange. The message is built by this module from sanitised parts, never from a raw
 * vendor message, and never contains the OIDC token or issued secrets. The vendor exception is not
 * kept as the cause.
 */
final class StsCallException extends Exception {

  private final ErrorClass errorClass;
  private final String code;
  private final @Nullable String requestId;

  StsCallException(ErrorClass errorClass, String code, @Nullable String requestId, String message) {
    super(requireNonNull(message, "message"), null, false, true);
    this.errorClass = requireNonNull(errorClass, "errorClass");
    this.code = requireNonNull(code, "code");
    this.requestId = requestId;
  }

  ErrorClass errorClass() {
    return errorClass;
  }

  String code() {
    return code;
  }

  @Nullable String requestId() {
    return requestId;
  }
}
