package dev.vivace.testing.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validates one {@code AssumeRoleWithOIDC} call in STS's order and issues credentials. */
final class StsProcessor {

  private static final Pattern SESSION_NAME = Pattern.compile("^[A-Za-z0-9.@_-]{2,64}$");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final String B64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final StsEmulator emulator;

  StsProcessor(StsEmulator emulator) {
    this.emulator = emulator;
  }

  String assumeRoleWithOidc(Map<String, String> p, String requestId) throws Rejection {
    if (p.containsKey("Signature") || p.containsKey("AccessKeyId")) {
      throw new Rejection(StsError.SIGNED);
    }
    if (!"AssumeRoleWithOIDC".equals(p.get("Action")) || !"2015-04-01".equals(p.get("Version"))) {
      throw new Rejection(StsError.ACTION);
    }
    String roleArn = required(p, "RoleArn");
    String providerArn = required(p, "OIDCProviderArn");
    String token = p.getOrDefault("OIDCToken", "");
    if (token.isEmpty()) {
      throw new Rejection(StsError.TOKEN_EMPTY);
    }
    String sessionName = required(p, "RoleSessionName");
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw new Rejection(StsError.SESSION_NAME);
    }
    int duration = duration(p.get("DurationSeconds"));
    checkPolicy(p.get("Policy"));

    Instant now = emulator.clock.instant();
    VerifiedToken jwt = emulator.verifier.verify(token, now);
    if (!jwt.audiences().contains(OidcTokens.AUDIENCE)) {
      throw new Rejection(StsError.AUDIENCE);
    }
    String issuer = emulator.providerIssuers.get(providerArn);
    if (issuer == null) {
      throw new Rejection(StsError.PROVIDER_NOT_EXIST);
    }
    if (!issuer.equals(jwt.issuer())) {
      throw new Rejection(StsError.ISSUER);
    }
    RoleTrust role = emulator.roles.get(roleArn);
    if (role == null) {
      throw new Rejection(StsError.roleNotExist(roleArn));
    }
    if (!role.admits(providerArn, jwt)) {
      throw new Rejection(StsError.NO_PERMISSION);
    }
    Instant expiration =
        now.plusSeconds(duration).plus(emulator.expirationOffset()).truncatedTo(ChronoUnit.SECONDS);
    IssuedCredentials c =
        new IssuedCredentials(
            "STS." + random(ALNUM, 25),
            random(ALNUM, 44),
            "CAIS" + random(B64, 700),
            expiration,
            roleArn,
            sessionName,
            jwt.subject());
    emulator.remember(c);
    String assumedRoleId = "3" + digits(17) + ":" + sessionName;
    return StsJson.success(requestId, jwt, c, assumedRoleId);
  }

  private static String required(Map<String, String> p, String name) throws Rejection {
    String v = p.get(name);
    if (v == null || v.isEmpty()) {
      throw new Rejection(StsError.missing(name));
    }
    return v;
  }

  private int duration(@Nullable String value) throws Rejection {
    if (value == null || value.isEmpty()) {
      return 3600 <= emulator.maxSessionDurationSeconds ? 3600 : emulator.maxSessionDurationSeconds;
    }
    try {
      int d = Integer.parseInt(value);
      if (d < 900 || d > emulator.maxSessionDurationSeconds) {
        throw new Rejection(StsError.DURATION);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new Rejection(StsError.DURATION);
    }
  }

  private static void checkPolicy(@Nullable String policy) throws Rejection {
    if (policy == null) {
      return;
    }
    if (policy.isEmpty() || policy.length() > 2048) {
      throw new Rejection(StsError.POLICY_SIZE);
    }
    try {
      JsonNode node = MAPPER.readTree(policy);
      if (node == null || !node.isObject() || !node.path("Statement").isArray()) {
        throw new Rejection(StsError.POLICY_GRAMMAR);
      }
    } catch (IOException e) {
      throw new Rejection(StsError.POLICY_GRAMMAR);
    }
  }

  private static String random(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String digits(int n) {
    return random("0123456789", n);
  }
}
