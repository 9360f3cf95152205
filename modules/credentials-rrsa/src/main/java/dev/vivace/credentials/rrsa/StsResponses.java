package dev.vivace.credentials.rrsa;

import com.aliyuncs.sts.model.v20150401.AssumeRoleWithOIDCResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Checks a successful response for the fields the provider needs. */
final class StsResponses {

  static StsCredentials credentials(AssumeRoleWithOIDCResponse response, String endpoint)
      throws StsCallException {
    String requestId = response.getRequestId() == null ? "unknown" : response.getRequestId();
    AssumeRoleWithOIDCResponse.Credentials c = response.getCredentials();
    if (c == null) {
      throw malformed("Credentials", requestId, endpoint);
    }
    String id = require(c.getAccessKeyId(), "Credentials.AccessKeyId", requestId, endpoint);
    String secret =
        require(c.getAccessKeySecret(), "Credentials.AccessKeySecret", requestId, endpoint);
    String token = require(c.getSecurityToken(), "Credentials.SecurityToken", requestId, endpoint);
    Instant expiration = parseInstant(c.getExpiration());
    if (expiration == null) {
      throw malformed("a valid Credentials.Expiration", requestId, endpoint);
    }
    return new StsCredentials(id, secret, token, expiration, requestId);
  }

  private static String require(
      @Nullable String value, String field, String requestId, String endpoint)
      throws StsCallException {
    if (value == null || value.isEmpty()) {
      throw malformed(field, requestId, endpoint);
    }
    return value;
  }

  private static StsCallException malformed(String field, String requestId, String endpoint) {
    return new StsCallException(
        ErrorClass.TRANSIENT,
        "Response.Malformed",
        requestId,
        "STS AssumeRoleWithOIDC at "
            + endpoint
            + " answered without "
            + field
            + " (requestId="
            + requestId
            + "); "
            + ErrorClass.TRANSIENT.hint());
  }

  private static @Nullable Instant parseInstant(@Nullable String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private StsResponses() {}
}
