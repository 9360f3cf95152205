package dev.vivace.testing.sts;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Builds and signs one RS256 token. Unset values: audience {@code sts.aliyuncs.com}, one hour
 * lifetime.
 */
public final class OidcTokenBuilder {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OidcTokens tokens;
  private String issuer;
  private String kid;
  private String subject = "system:serviceaccount:default:default";
  private List<String> audiences = List.of(OidcTokens.AUDIENCE);
  private Instant issuedAt;
  private Duration lifetime = Duration.ofHours(1);
  private boolean corruptSignature;

  OidcTokenBuilder(OidcTokens tokens, String issuer, String kid, Instant issuedAt) {
    this.tokens = tokens;
    this.issuer = issuer;
    this.kid = kid;
    this.issuedAt = issuedAt;
  }

  public OidcTokenBuilder subject(String subject) {
    this.subject = requireNonNull(subject, "subject");
    return this;
  }

  public OidcTokenBuilder issuer(String issuer) {
    this.issuer = requireNonNull(issuer, "issuer");
    return this;
  }

  public OidcTokenBuilder audiences(String... audiences) {
    this.audiences = List.of(audiences);
    return this;
  }

  public OidcTokenBuilder keyId(String kid) {
    this.kid = requireNonNull(kid, "kid");
    return this;
  }

  public OidcTokenBuilder issuedAt(Instant issuedAt) {
    this.issuedAt = requireNonNull(issuedAt, "issuedAt");
    return this;
  }

  public OidcTokenBuilder lifetime(Duration lifetime) {
    this.lifetime = requireNonNull(lifetime, "lifetime");
    return this;
  }

  /** Flips a bit of the signature so that verification fails. */
  public OidcTokenBuilder corruptSignature() {
    this.corruptSignature = true;
    return this;
  }

  /** Signs with the issuer's private key (SHA256withRSA) and remembers the token. */
  public String sign() {
    ObjectNode header =
        MAPPER.createObjectNode().put("alg", "RS256").put("kid", kid).put("typ", "JWT");
    ObjectNode claims = MAPPER.createObjectNode();
    claims.putArray("aud").addAll(audiences.stream().map(claims::textNode).toList());
    claims
        .put("exp", issuedAt.plus(lifetime).getEpochSecond())
        .put("iat", issuedAt.getEpochSecond())
        .put("nbf", issuedAt.getEpochSecond())
        .put("iss", issuer)
        .put("sub", subject)
        .put("jti", UUID.randomUUID().toString());
    String signingInput = base64(header.toString()) + "." + base64(claims.toString());
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(tokens.privateKey());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      byte[] signature = signer.sign();
      if (corruptSignature) {
        signature[signature.length / 2] ^= 0x01;
      }
      return tokens.remember(
          signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
