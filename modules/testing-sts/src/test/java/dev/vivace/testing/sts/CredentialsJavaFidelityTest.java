package dev.vivace.testing.sts;

import static dev.vivace.testing.sts.StsFixtures.PROVIDER_ARN;
import static dev.vivace.testing.sts.StsFixtures.ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.OIDCRoleArnCredentialProvider;
import com.linecorp.armeria.testing.junit5.server.SelfSignedCertificateExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official credentials-java OIDC provider gets credentials from the emulator. It always calls
 * {@code https://<STSEndpoint>} and trusts the JVM default trust store, so the emulator runs over
 * TLS with a self-signed certificate that the test adds to a temporary trust store.
 */
class CredentialsJavaFidelityTest {

  // credentials-java judges expiry by the system clock, so the emulator runs on it too.
  static final Clock clock = Clock.systemUTC();
  static final OidcTokens tokens = OidcTokens.generate(clock);
  static final StsEmulator sts =
      StsEmulator.builder()
          .oidcProvider(PROVIDER_ARN, tokens)
          .role(ROLE_ARN, PROVIDER_ARN, StsFixtures.SUBJECT)
          .clock(clock)
          .build();

  @RegisterExtension
  @Order(1)
  static final SelfSignedCertificateExtension cert =
      new SelfSignedCertificateExtension("localhost");

  @RegisterExtension
  @Order(2)
  static final StsEmulatorExtension server = new StsEmulatorExtension(sts, cert::tlsKeyPair);

  static final String[] TRUST_PROPERTIES = {
    "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"
  };

  @TempDir Path dir;
  final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void trustTheEmulator() throws Exception {
    sts.reset();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("sts-emulator", cert.certificate());
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    for (String p : TRUST_PROPERTIES) {
      String v = System.getProperty(p);
      if (v != null) {
        saved.put(p, v);
      }
    }
    System.setProperty("javax.net.ssl.trustStore", file.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
  }

  @AfterEach
  void restoreTrust() {
    for (String p : TRUST_PROPERTIES) {
      if (saved.containsKey(p)) {
        System.setProperty(p, saved.get(p));
      } else {
        System.clearProperty(p);
      }
    }
  }

  @Test
  void credentialsJavaObtainsCredentials() throws Exception {
    Path tokenFile = ProjectedTokenFile.create(dir, tokens.mint("storage", "uploader")).path();
    OIDCRoleArnCredentialProvider provider =
        OIDCRoleArnCredentialProvider.builder()
            .roleArn(ROLE_ARN)
            .oidcProviderArn(PROVIDER_ARN)
            .oidcTokenFilePath(tokenFile.toString())
            .roleSessionName("credentials-java")
            .durationSeconds(900)
            .STSEndpoint("localhost:" + server.port())
            .build();
    try {
      CredentialModel c = provider.getCredentials();

      IssuedCredentials issued = sts.issued().get(0);
      assertThat(c.getAccessKeyId()).isEqualTo(issued.accessKeyId());
      assertThat(c.getAccessKeySecret()).isEqualTo(issued.accessKeySecret());
      assertThat(c.getSecurityToken()).isEqualTo(issued.securityToken());
      assertThat(c.getExpiration()).isEqualTo(issued.expiration().toEpochMilli());
      RecordedStsRequest wire = sts.requests().get(0);
      // Observed with 1.0.3 (the spec's section 2.4 says it sends no Timestamp or nonce): common
      // parameters
      // in the query, business parameters and the token in the body, no signature.
      assertThat(wire.query())
          .containsOnlyKeys(
              "Action",
              "Format",
              "Version",
              "Timestamp",
              "SignatureNonce",
              "SignatureMethod",
              "SignatureVersion");
      assertThat(wire.form())
          .containsKeys(
              "OIDCToken", "RoleArn", "OIDCProviderArn", "RoleSessionName", "DurationSeconds");
      assertThat(wire.params()).doesNotContainKeys("Signature", "AccessKeyId");
    } finally {
      provider.close();
    }
  }
}
