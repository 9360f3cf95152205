package dev.vivace.testing.sts;

import static java.util.Objects.requireNonNull;

/**
 * An STS error: HTTP status, code and message, per spec section 2.8. Statuses the vendor documents
 * only for the {@code AuthenticationFail.*} family (401); the others follow the spec's best
 * guesses.
 */
record StsError(int status, String code, String message) {

  StsError {
    requireNonNull(code, "code");
    requireNonNull(message, "message");
  }

  static StsError tokenInvalid(String message) {
    return new StsError(401, "AuthenticationFail.OIDCToken.Invalid", message);
  }

  static final StsError TOKEN_EMPTY = tokenInvalid("The OIDCToken can not empty.");
  static final StsError TOKEN_PARTS =
      tokenInvalid("The number of Jwt field should be divided into 3 parts with '.' .");
  static final StsError TOKEN_CONTENT = tokenInvalid("Jwt content is invalid.");
  static final StsError TOKEN_EXPIRED =
      new StsError(401, "AuthenticationFail.OIDCToken.Expired", "This JsonWebToken is expired.");
  static final StsError TOKEN_SIGNATURE =
      new StsError(
          401,
          "AuthenticationFail.OIDCToken.InvalidSignature",
          "OIDC token validate failed: invalid signature.");
  static final StsError AUDIENCE =
      new StsError(401, "AuthenticationFail.OIDCToken.AudienceNotMatch", "Invalid audience.");
  static final StsError ISSUER =
      new StsError(
          401,
          "AuthenticationFail.OIDCToken.IssuerNotMatch",
          "The issuer in the OIDC Token doesn't match the OIDC Provider registered.");
  static final StsError NO_PERMISSION =
      new StsError(401, "AuthenticationFail.NoPermission", "There is no permission.");
  static final StsError PROVIDER_NOT_EXIST =
      new StsError(404, "EntityNotExist.OIDCProvider", "No such OIDC Provider registered.");
  static final StsError SESSION_NAME =
      new StsError(
          400,
          "InvalidParameter.RoleSessionName",
          "The parameter RoleSessionName is wrongly formed.");
  static final StsError DURATION =
      new StsError(
          400,
          "InvalidParameter.DurationSeconds",
          "The parameter DurationSeconds is out of range.");
  static final StsError POLICY_SIZE =
      new StsError(400, "InvalidParameter.PolicySize", "The parameter Policy is too long.");
  static final StsError POLICY_GRAMMAR =
      new StsError(
          400,
          "InvalidParameter.PolicyGrammar",
          "The parameter Policy has not passed grammar check.");
  static final StsError ACTION =
      new StsError(400, "InvalidParameter", "The parameter Action or Version is invalid.");
  static final StsError SIGNED =
      new StsError(
          400,
          "InvalidParameter.Anonymous",
          "AssumeRoleWithOIDC is called anonymously: Signature and AccessKeyId must not be sent"
              + " (emulator check).");
  static final StsError INTERNAL =
      new StsError(
          500, "InternalError", "The request processing has failed due to some unknown error.");
  static final StsError UNAVAILABLE =
      new StsError(
          503,
          "ServiceUnavailable",
          "The request has failed due to a temporary failure of the server.");
  static final StsError THROTTLED =
      new StsError(400, "Throttling.User", "Request was denied due to user flow control.");

  static StsError missing(String parameter) {
    return new StsError(
        400,
        "MissingParameter",
        "The input parameter \""
            + parameter
            + "\" that is mandatory for processing this request is not"
            + " supplied.");
  }

  static StsError roleNotExist(String roleArn) {
    return new StsError(404, "EntityNotExist.Role", "The role not exists: " + roleArn + ".");
  }
}
