package dev.vivace.credentials.rrsa;

import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.MutableClock;
import dev.vivace.testing.sts.OidcTokens;
import dev.vivace.testing.sts.StsEmulator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared names and wiring of the provider tests. */
final class Rrsa {

  static final String ROLE_ARN = "acs:ram::1000000000000000:role/oss-writer";
  static final String PROVIDER_ARN =
      "acs:ram::1000000000000000:oidc-provider/ack-rrsa-c0123456789abcdef";
  static final String NAMESPACE = "storage";
  static final String SERVICE_ACCOUNT = "uploader";
  static final String SUBJECT = "system:serviceaccount:storage:uploader";
  static final Instant START = Instant.parse("2026-11-29T05:00:00Z");

  static StsEmulator emulator(OidcTokens tokens, MutableClock clock) {
    return StsEmulator.builder()
        .oidcProvider(PROVIDER_ARN, tokens)
        .role(ROLE_ARN, PROVIDER_ARN, SUBJECT)
        .clock(clock)
        .build();
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
    List<String> secrets = new ArrayList<>(tokens.minted());
    for (IssuedCredentials c : sts.issued()) {
      secrets.addAll(c.secrets());
    }
    return secrets;
  }

  private Rrsa() {}
}
