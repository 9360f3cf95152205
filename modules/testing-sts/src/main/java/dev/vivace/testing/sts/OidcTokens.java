package dev.vivace.testing.sts;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test OIDC issuer: an RSA key pair, its JWKS and a minting helper for RS256 service-account
 * tokens like the ones ACK projects into pods. Every minted token is remembered so that tests can
 * scan logs for it.
 */
public final class OidcTokens {

  /** The audience of RRSA tokens: the RAM OIDC provider's client id. */
  public static final String AUDIENCE = "sts.aliyuncs.com";

  /** An issuer URL shaped like ACK's. */
  public static final String DEFAULT_ISSUER =
      "https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0123456789abcdef";

  /** Generates a fresh 2048-bit key with key id {@code kid}. */
  public static OidcTokens generate(String issuer, String kid, Clock clock) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new OidcTokens(issuer, kid, generator.generateKeyPair(), clock);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  /** {@link #DEFAULT_ISSUER}, key id {@code test-key-1}. */
  public static OidcTokens generate(Clock clock) {
    return generate(DEFAULT_ISSUER, "test-key-1", clock);
  }

  private final String issuer;
  private final String kid;
  private final KeyPair keys;
  private final Clock clock;
  private final List<String> minted = new CopyOnWriteArrayList<>();

  private OidcTokens(String issuer, String kid, KeyPair keys, Clock clock) {
    this.issuer = requireNonNull(issuer, "issuer");
    this.kid = requireNonNull(kid, "kid");
    this.keys = requireNonNull(keys, "keys");
    this.clock = requireNonNull(clock, "clock");
  }

  public String issuer() {
    return issuer;
  }

  public String keyId() {
    return kid;
  }

  /** The public JWKS document STS would fetch from the issuer. */
  public String jwks() {
    return Jwks.write(Map.of(kid, (RSAPublicKey) keys.getPublic()));
  }

  /**
   * A token for {@code system:serviceaccount:<namespace>:<serviceAccount>}, valid for an hour from
   * now.
   */
  public String mint(String namespace, String serviceAccount) {
    return token().subject("system:serviceaccount:" + namespace + ":" + serviceAccount).sign();
  }

  /**
   * A builder for a token with issuer, audience, issue and expiry times filled from this issuer and
   * clock.
   */
  public OidcTokenBuilder token() {
    return new OidcTokenBuilder(this, issuer, kid, clock.instant());
  }

  /** Every token minted so far. */
  public List<String> minted() {
    return List.copyOf(minted);
  }

  String remember(String token) {
    minted.add(token);
    return token;
  }

  RSAPrivateKey privateKey() {
    return (RSAPrivateKey) keys.getPrivate();
  }

  @Override
  public String toString() {
    return "OidcTokens{issuer=" + issuer + ", kid=" + kid + "}";
  }
}
