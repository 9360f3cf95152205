package dev.vivace.storage.s3;

import dev.vivace.credentials.rrsa.RrsaCredentialsProvider;
import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.OidcTokens;
import dev.vivace.testing.sts.ProjectedTokenFile;
import dev.vivace.testing.sts.StsEmulator;
import dev.vivace.testing.sts.StsEmulatorExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The RAM side of the RRSA tests: one OIDC provider, one role trusting one service account. */
final class RrsaFixtures {

  static final String ROLE_ARN = "acs:ram::1000000000000000:role/tempo-writer";
  static final String PROVIDER_ARN =
      "acs:ram::1000000000000000:oidc-provider/ack-rrsa-c0123456789abcdef";
  static final String NAMESPACE = "tracing";
  static final String SERVICE_ACCOUNT = "vivace";

  static StsEmulator sts(OidcTokens tokens, Clock clock) {
    return StsEmulator.builder()
        .oidcProvider(PROVIDER_ARN, tokens)
        .role(ROLE_ARN, PROVIDER_ARN, "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT)
        .clock(clock)
        .build();
  }

  /**
   * A provider reading a fresh projected token in {@code dir}, talking plain HTTP to the emulator.
   */
  static RrsaCredentialsProvider provider(
      OidcTokens tokens, StsEmulatorExtension server, Path dir) {
    ProjectedTokenFile file =
        ProjectedTokenFile.create(dir, tokens.mint(NAMESPACE, SERVICE_ACCOUNT));
    return RrsaCredentialsProvider.builder()
        .roleArn(ROLE_ARN)
        .oidcProviderArn(PROVIDER_ARN)
        .oidcTokenFile(file.path())
        .stsEndpoint("http://" + server.endpoint())
        .allowHttp(true)
        .durationSeconds(900)
        .environment(Map.of())
        .build();
  }

  /**
   * Everything that must never be logged: minted OIDC tokens, issued secrets and security tokens.
   */
  static List<String> secrets(OidcTokens tokens, StsEmulator sts) {
    List<String> secrets = new ArrayList<>(tokens.minted());
    for (IssuedCredentials c : sts.issued()) {
      secrets.addAll(c.secrets());
    }
    return secrets;
  }

  private RrsaFixtures() {}
}
