package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Immutable credentials plus the instants at which they are refreshed, waited for and dropped. */
record Snapshot(
    StsCredentials sts,
    Instant receivedAt,
    Instant refreshAt,
    Instant staleAt,
    Instant hardExpiry) {

  static final String PROVIDER_NAME = "AlibabaRrsa";

  Snapshot {
    requireNonNull(sts, "sts");
    requireNonNull(receivedAt, "receivedAt");
    requireNonNull(refreshAt, "refreshAt");
    requireNonNull(staleAt, "staleAt");
    requireNonNull(hardExpiry, "hardExpiry");
  }

  AwsSessionCredentials credentials() {
    return AwsSessionCredentials.builder()
        .accessKeyId(sts.accessKeyId())
        .secretAccessKey(sts.accessKeySecret())
        .sessionToken(sts.securityToken())
        .expirationTime(sts.expiration())
        .providerName(PROVIDER_NAME)
        .build();
  }

  /** The same credentials, no longer handed out: the store said they are rejected. */
  Snapshot invalidated(Instant now) {
    return new Snapshot(sts, receivedAt, now, now, now);
  }

  @Override
  public String toString() {
    return "Snapshot{"
        + sts
        + ", refreshAt="
        + refreshAt
        + ", staleAt="
        + staleAt
        + ", hardExpiry="
        + hardExpiry
        + "}";
  }
}
