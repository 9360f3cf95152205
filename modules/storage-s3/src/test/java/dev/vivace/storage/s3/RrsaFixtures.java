package dev.vivace.storage.s3;

import dev.vivace.credentials.rrsa.RrsaCredentialsProvider;
import dev.vivace.testing.sts.OidcTokens;
import dev.vivace.testing.sts.ProjectedTokenFile;
import dev.vivace.testing.sts.RamRole;
import dev.vivace.testing.sts.StsEmulator;
import dev.vivace.testing.sts.StsEmulatorExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The RAM side of the RRSA tests: one OIDC provider, one role trusting one service account. */
final class RrsaFixtures {

  static final RamRole ROLE = RamRole.of("tempo-writer", "tracing", "vivace");

  static StsEmulator sts(OidcTokens tokens, Clock clock) {
    return ROLE.emulator(tokens, clock);
  }

  /**
   * A provider reading a fresh projected token in {@code dir}, talking plain HTTP to the emulator.
   */
  static RrsaCredentialsProvider provider(
      OidcTokens tokens, StsEmulatorExtension server, Path dir) {
    ProjectedTokenFile file = ProjectedTokenFile.create(dir, ROLE.mint(tokens));
    return RrsaCredentialsProvider.builder()
        .roleArn(ROLE.roleArn())
        .oidcProviderArn(ROLE.providerArn())
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
    return RamRole.secrets(tokens, sts);
  }

  private RrsaFixtures() {}
}
