package dev.vivace.testing.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON Web Key Sets with RSA keys: writing one for a key, reading one into {@code kid -> key}. */
final class Jwks {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static String write(Map<String, RSAPublicKey> keys) {
    var root = MAPPER.createObjectNode();
    var array = root.putArray("keys");
    keys.forEach(
        (kid, key) ->
            array
                .addObject()
                .put("kty", "RSA")
                .put("alg", "RS256")
                .put("use", "sig")
                .put("kid", kid)
                .put("n", base64Url(key.getModulus()))
                .put("e", base64Url(key.getPublicExponent())));
    return root.toString();
  }

  static Map<String, RSAPublicKey> read(String jwks) {
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA");
      for (JsonNode k : MAPPER.readTree(jwks).path("keys")) {
        if (!"RSA".equals(k.path("kty").asText())) {
          continue;
        }
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("n").asText()));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(k.path("e").asText()));
        keys.put(
            k.path("kid").asText(),
            (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(n, e)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("jwks: not valid JSON", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("jwks: not a valid RSA key set", e);
    }
    return keys;
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      bytes = trimmed;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private Jwks() {}
}
