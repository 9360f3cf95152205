package dev.vivace.testing.sts;

import java.time.Instant;

/** Shared names of the emulator tests. */
final class StsFixtures {

  static final RamRole ROLE = RamRole.of("oss-writer", "storage", "uploader");
  static final String ROLE_ARN = ROLE.roleArn();
  static final String PROVIDER_ARN = ROLE.providerArn();
  static final String SUBJECT = ROLE.subject();
  static final Instant START = Instant.parse("2026-11-29T05:00:00Z");

  static StsEmulator emulator(OidcTokens tokens, MutableClock clock) {
    return ROLE.emulator(tokens, clock);
  }

  private StsFixtures() {}
}
