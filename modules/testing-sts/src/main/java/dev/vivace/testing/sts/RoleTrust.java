package dev.vivace.testing.sts;

import java.util.Set;

/**
 * A RAM role whose trust policy admits one OIDC provider, audience {@code sts.aliyuncs.com} and
 * subjects.
 */
record RoleTrust(String roleArn, String providerArn, Set<String> subjects) {

  boolean admits(String provider, VerifiedToken token) {
    return providerArn.equals(provider)
        && subjects.contains(token.subject())
        && token.audiences().contains(OidcTokens.AUDIENCE);
  }
}
