package dev.vivace.testing.sts;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The RAM side of an RRSA test: one role that trusts one Kubernetes service account through one
 * OIDC provider, all in the test account {@code 1000000000000000}.
 *
 * @param roleArn the role's ARN, {@code acs:ram::<account>:role/<name>}
 * @param providerArn the OIDC provider's ARN
 * @param namespace the service account's namespace
 * @param serviceAccount the service account's name
 */
public record RamRole(String roleArn, String providerArn, String namespace, String serviceAccount) {

  /** The test account's OIDC provider of an ACK cluster. */
  public static final String PROVIDER_ARN =
      "acs:ram::1000000000000000:oidc-provider/ack-rrsa-c0123456789abcdef";

  public RamRole {
    requireNonNull(roleArn, "roleArn");
    requireNonNull(providerArn, "providerArn");
    requireNonNull(namespace, "namespace");
    requireNonNull(serviceAccount, "serviceAccount");
  }

  /** Role {@code roleName} of the test account, trusting {@code namespace/serviceAccount}. */
  public static RamRole of(String roleName, String namespace, String serviceAccount) {
    return new RamRole(
        "acs:ram::1000000000000000:role/" + roleName, PROVIDER_ARN, namespace, serviceAccount);
  }

  /** The token subject of the service account, {@code system:serviceaccount:<ns>:<name>}. */
  public String subject() {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  /** An emulator that knows this role's provider (with {@code tokens}' keys) and trust. */
  public StsEmulator emulator(OidcTokens tokens, Clock clock) {
    return StsEmulator.builder()
        .oidcProvider(providerArn, tokens)
        .role(roleArn, providerArn, subject())
        .clock(clock)
        .build();
  }

  /** A token for this role's service account, as the kubelet projects it. */
  public String mint(OidcTokens tokens) {
    return tokens.mint(namespace, serviceAccount);
  }

  /**
   * Everything an RRSA test must never find in a log or an error: every token {@code tokens} minted
   * and every secret and security token {@code sts} issued.
   */
  public static List<String> secrets(OidcTokens tokens, StsEmulator sts) {
    List<String> secrets = new ArrayList<>(tokens.minted());
    for (IssuedCredentials c : sts.issued()) {
      secrets.addAll(c.secrets());
    }
    return secrets;
  }
}
