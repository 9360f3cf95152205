package dev.vivace.testing.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Checks an RS256 JWT the way STS does: shape, algorithm, signature against the JWKS, then expiry.
 */
final class JwtVerifier {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, RSAPublicKey> keys;

  JwtVerifier(Map<String, RSAPublicKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  VerifiedToken verify(String jwt, Instant now) throws Rejection {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new Rejection(StsError.TOKEN_PARTS);
    }
    JsonNode header = json(parts[0]);
    JsonNode claims = json(parts[1]);
    String alg = header.path("alg").asText("");
    if (!"RS256".equals(alg)) {
      throw new Rejection(
          StsError.tokenInvalid("The algorithm " + alg + " of the token is unknown."));
    }
    RSAPublicKey key = keys.get(header.path("kid").asText(""));
    if (key == null || !signatureValid(key, parts)) {
      throw new Rejection(StsError.TOKEN_SIGNATURE);
    }
    if (!claims.path("exp").canConvertToLong()
        || !claims.path("iss").isTextual()
        || !claims.path("sub").isTextual()) {
      throw new Rejection(StsError.TOKEN_CONTENT);
    }
    Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
    if (!exp.isAfter(now)) {
      throw new Rejection(StsError.TOKEN_EXPIRED);
    }
    List<String> audiences = new ArrayList<>();
    JsonNode aud = claims.path("aud");
    if (aud.isArray()) {
      aud.forEach(a -> audiences.add(a.asText()));
    } else if (aud.isTextual()) {
      audiences.add(aud.asText());
    }
    Instant iat = Instant.ofEpochSecond(claims.path("iat").asLong(exp.getEpochSecond()));
    return new VerifiedToken(
        claims.path("iss").asText(), claims.path("sub").asText(), audiences, iat, exp);
  }

  private static JsonNode json(String part) throws Rejection {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new Rejection(StsError.tokenInvalid("Cannot decode base64 content of the token."));
    }
    try {
      JsonNode node = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw new Rejection(StsError.TOKEN_CONTENT);
      }
      return node;
    } catch (IOException e) {
      throw new Rejection(StsError.TOKEN_CONTENT);
    }
  }

  private static boolean signatureValid(RSAPublicKey key, String[] parts) throws Rejection {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (IllegalArgumentException e) {
      throw new Rejection(StsError.tokenInvalid("Cannot decode base64 content of the token."));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
