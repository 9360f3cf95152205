package dev.vivace.credentials.rrsa;

import dev.vivace.testing.sts.MutableClock;
import dev.vivace.testing.sts.OidcTokens;
import dev.vivace.testing.sts.RamRole;
import dev.vivace.testing.sts.StsEmulator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared names and wiring of the provider tests. */
final class Rrsa {

  static final RamRole ROLE = RamRole.of("oss-writer", "storage", "uploader");
  static final String ROLE_ARN = ROLE.roleArn();
  static final String PROVIDER_ARN = ROLE.providerArn();
  static final String NAMESPACE = ROLE.namespace();
  static final String SERVICE_ACCOUNT = ROLE.serviceAccount();
  static final String SUBJECT = ROLE.subject();
  static final Instant START = Instant.parse("2026-11-29T05:00:00Z");

  static StsEmulator emulator(OidcTokens tokens, MutableClock clock) {
    return ROLE.emulator(tokens, clock);
  }

  /** What the ACK webhook injects, pointed at the emulator. */
  static Map<String, String> env(String endpoint, Path tokenFile) {
    Map<String, String> env = new HashMap<>();
    env.put(RrsaEnvironment.ROLE_ARN, ROLE_ARN);
    env.put(RrsaEnvironment.OIDC_PROVIDER_ARN, PROVIDER_ARN);
    env.put(RrsaEnvironment.OIDC_TOKEN_FILE, tokenFile.toString());
    env.put(RrsaEnvironment.STS_ENDPOINT, "http://" + endpoint);
    env.put(RrsaEnvironment.HOSTNAME, "vivace-0");
    return env;
  }

  /** Everything that must never be logged: minted tokens, issued secrets and security tokens. */
  static List<String> secrets(OidcTokens tokens, StsEmulator sts) {
    return RamRole.secrets(tokens, sts);
  }

  private Rrsa() {}
}
