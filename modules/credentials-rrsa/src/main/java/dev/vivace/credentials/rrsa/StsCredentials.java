package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What STS issued. {@link #toString()} shows only a prefix of the access key id. */
record StsCredentials(
    String accessKeyId,
    String accessKeySecret,
    String securityToken,
    Instant expiration,
    String requestId) {

  StsCredentials {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(accessKeySecret, "accessKeySecret");
    requireNonNull(securityToken, "securityToken");
    requireNonNull(expiration, "expiration");
    requireNonNull(requestId, "requestId");
  }

  /** {@code STS.abcd…}: enough to correlate with audit logs, not enough to use. */
  static String keyPrefix(String accessKeyId) {
    return accessKeyId.substring(0, Math.min(8, accessKeyId.length())) + "…";
  }

  @Override
  public String toString() {
    return "StsCredentials{accessKeyId="
        + keyPrefix(accessKeyId)
        + ", expiration="
        + expiration
        + ", requestId="
        + requestId
        + "}";
  }
}
