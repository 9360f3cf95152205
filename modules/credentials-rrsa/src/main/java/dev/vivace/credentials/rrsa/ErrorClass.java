package dev.vivace.credentials.rrsa;

import java.util.Locale;

/**
 * How a failed exchange is retried (spec section 2.8). Classified by STS error code, not HTTP
 * status.
 */
enum ErrorClass {
  /** Network error, 5xx or an unreadable response: exponential backoff. */
  TRANSIENT("STS could not be reached or failed; check the network path to the STS endpoint"),
  /** {@code Throttling*}: backoff with a 10 second floor. */
  THROTTLED("STS is throttling calls from this account"),
  /**
   * The token in the file was rejected as expired or malformed: re-read the file and retry soon.
   */
  TOKEN("check the projected token file and that the kubelet rotates it"),
  /**
   * Trust policy, ARNs, issuer or audience: slow retry, an operator may fix it without a restart.
   */
  CONFIGURATION("check the role ARN, the OIDC provider ARN and the role's trust policy"),
  /** A parameter STS will never accept ({@code InvalidParameter*}): no automatic retry. */
  PERMANENT("fix the provider configuration; this will not succeed on retry");

  private final String hint;

  ErrorClass(String hint) {
    this.hint = hint;
  }

  String hint() {
    return hint;
  }

  static ErrorClass of(String code, boolean serverError) {
    String c = code.toLowerCase(Locale.ROOT);
    if (c.startsWith("throttling")) {
      return THROTTLED;
    }
    if (c.equals("authenticationfail.oidctoken.expired")
        || c.equals("authenticationfail.oidctoken.invalid")) {
      return TOKEN;
    }
    if (serverError
        || c.startsWith("sdk.")
        || c.equals("internalerror")
        || c.equals("serviceunavailable")) {
      return TRANSIENT;
    }
    if (c.startsWith("invalidparameter") || c.startsWith("missingparameter")) {
      return PERMANENT;
    }
    return CONFIGURATION;
  }
}
