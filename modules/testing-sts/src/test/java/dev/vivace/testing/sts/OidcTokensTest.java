package dev.vivace.testing.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OidcTokensTest {

  final MutableClock clock = new MutableClock(StsFixtures.START);
  final OidcTokens tokens = OidcTokens.generate(clock);
  final JwtVerifier verifier = new JwtVerifier(Jwks.read(tokens.jwks()));

  @Test
  void mintedTokensVerifyAgainstThePublishedJwks() throws Exception {
    String jwt = tokens.mint("storage", "uploader");

    VerifiedToken t = verifier.verify(jwt, clock.instant());

    assertThat(t.issuer()).isEqualTo(OidcTokens.DEFAULT_ISSUER);
    assertThat(t.subject()).isEqualTo("system:serviceaccount:storage:uploader");
    assertThat(t.audiences()).containsExactly("sts.aliyuncs.com");
    assertThat(t.expiresAt()).isEqualTo(StsFixtures.START.plus(Duration.ofHours(1)));
    assertThat(tokens.minted()).containsExactly(jwt);
    assertThat(tokens.jwks()).contains("\"kid\":\"test-key-1\"").contains("\"alg\":\"RS256\"");
  }

  @Test
  void tamperedPayloadFailsTheSignature() {
    String jwt = tokens.mint("storage", "uploader");
    String[] parts = jwt.split("\\.");
    String other = tokens.mint("storage", "admin").split("\\.")[1];

    assertThatThrownBy(
            () -> verifier.verify(parts[0] + "." + other + "." + parts[2], clock.instant()))
        .isInstanceOfSatisfying(
            Rejection.class,
            r ->
                assertThat(r.error().code())
                    .isEqualTo("AuthenticationFail.OIDCToken.InvalidSignature"));
  }

  @Test
  void unknownKeyIdFailsTheSignature() {
    assertThatThrownBy(() -> verifier.verify(tokens.token().keyId("other").sign(), clock.instant()))
        .isInstanceOfSatisfying(
            Rejection.class,
            r ->
                assertThat(r.error().code())
                    .isEqualTo("AuthenticationFail.OIDCToken.InvalidSignature"));
  }
}
