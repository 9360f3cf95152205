package dev.vivace.testing.sts;

import java.time.Instant;

/** Shared names of the emulator tests. */
final class StsFixtures {

  static final String ROLE_ARN = "acs:ram::1000000000000000:role/oss-writer";
  static final String PROVIDER_ARN =
      "acs:ram::1000000000000000:oidc-provider/ack-rrsa-c0123456789abcdef";
  static final String SUBJECT = "system:serviceaccount:storage:uploader";
  static final Instant START = Instant.parse("2026-11-29T05:00:00Z");

  static StsEmulator emulator(OidcTokens tokens, MutableClock clock) {
    return StsEmulator.builder()
        .oidcProvider(PROVIDER_ARN, tokens)
        .role(ROLE_ARN, PROVIDER_ARN, SUBJECT)
        .clock(clock)
        .build();
  }

  private StsFixtures() {}
}
