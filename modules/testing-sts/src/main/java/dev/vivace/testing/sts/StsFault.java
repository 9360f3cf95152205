package dev.vivace.testing.sts;

/** Failures the emulator can inject instead of processing a request. */
public enum StsFault {
  /** 500 {@code InternalError}. */
  INTERNAL_ERROR,
  /** 503 {@code ServiceUnavailable}. */
  SERVICE_UNAVAILABLE,
  /** 400 {@code Throttling.User}. */
  THROTTLING,
  /** 401 {@code AuthenticationFail.OIDCToken.Expired}, whatever the token. */
  TOKEN_EXPIRED,
  /**
   * 400 {@code InvalidParameter.DurationSeconds}, whatever the duration: as if the role's maximum
   * session duration had been lowered below the one requested.
   */
  DURATION_REJECTED,
  /** The normal answer (credentials are issued) without {@code Content-Type}. */
  NO_CONTENT_TYPE,
  /** 200 {@code application/json} whose body is an HTML error page. */
  MALFORMED_BODY,
  /**
   * The normal answer, delayed by the emulator's configured slowness (longer than a client read
   * timeout).
   */
  SLOW
}
