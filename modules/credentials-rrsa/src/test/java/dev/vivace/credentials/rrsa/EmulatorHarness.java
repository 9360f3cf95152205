package dev.vivace.credentials.rrsa;

import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.MutableClock;
import dev.vivace.testing.sts.OidcTokens;
import dev.vivace.testing.sts.ProjectedTokenFile;
import dev.vivace.testing.sts.RecordedStsRequest;
import dev.vivace.testing.sts.StsEmulator;
import dev.vivace.testing.sts.StsEmulatorExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Per-class wiring: an emulator on loopback, a fake clock shared by emulator and provider, a
 * projected token file, and a log capture that fails the class if a secret was logged.
 */
final class EmulatorHarness {

  final MutableClock clock = new MutableClock(Rrsa.START);
  final OidcTokens tokens = OidcTokens.generate(clock);
  final StsEmulator sts = Rrsa.emulator(tokens, clock);
  final StsEmulatorExtension server = new StsEmulatorExtension(sts);
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  final LogCapture logs =
      LogCapture.forClass(
          () -> {
            collectSecrets();
            return secrets;
          });

  ProjectedTokenFile tokenFile;
  FakeScheduler scheduler;

  /** Resets the emulator and the clock and writes a fresh token. Call from {@code @BeforeEach}. */
  void reset(Path dir) {
    collectSecrets();
    sts.reset();
    clock.set(Rrsa.START);
    tokenFile = ProjectedTokenFile.create(dir, tokens.mint(Rrsa.NAMESPACE, Rrsa.SERVICE_ACCOUNT));
    scheduler = new FakeScheduler(clock);
  }

  void collectSecrets() {
    secrets.addAll(Rrsa.secrets(tokens, sts));
  }

  Map<String, String> env() {
    return Rrsa.env(server.endpoint(), tokenFile.path());
  }

  /** A provider on the fake scheduler, random fixed at 0.5, with short STS timeouts. */
  RrsaCredentialsProvider provider(UnaryOperator<RrsaCredentialsProviderBuilder> customizer) {
    RrsaCredentialsProviderBuilder b =
        RrsaCredentialsProvider.builder()
            .environment(env())
            .allowHttp(true)
            .clock(clock)
            .scheduler(scheduler)
            .random(() -> 0.5)
            .connectTimeout(java.time.Duration.ofSeconds(1))
            .readTimeout(java.time.Duration.ofSeconds(2));
    return customizer.apply(b).build();
  }

  RrsaCredentialsProvider provider() {
    return provider(b -> b);
  }

  /** Kubelet rotation: a new token issued now. */
  String rotate() {
    String token = tokens.mint(Rrsa.NAMESPACE, Rrsa.SERVICE_ACCOUNT);
    tokenFile.write(token);
    return token;
  }

  List<RecordedStsRequest> requests() {
    return sts.requests();
  }

  IssuedCredentials issued(int i) {
    return sts.issued().get(i);
  }

  static Path unused() {
    return Path.of("/nonexistent");
  }
}
