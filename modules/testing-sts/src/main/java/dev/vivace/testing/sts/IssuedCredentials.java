package dev.vivace.testing.sts;

import java.time.Instant;
import java.util.List;

/**
 * Credentials the emulator issued. Other emulators (OSS) look them up by access key id. {@link
 * #toString()} shows no secret.
 */
public record IssuedCredentials(
    String accessKeyId,
    String accessKeySecret,
    String securityToken,
    Instant expiration,
    String roleArn,
    String roleSessionName,
    String subject) {

  /** The strings that must never appear in a log: secret and security token. */
  public List<String> secrets() {
    return List.of(accessKeySecret, securityToken);
  }

  @Override
  public String toString() {
    return "IssuedCredentials{accessKeyId="
        + accessKeyId
        + ", expiration="
        + expiration
        + ", roleArn="
        + roleArn
        + ", roleSessionName="
        + roleSessionName
        + "}";
  }
}
