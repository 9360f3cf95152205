package dev.vivace.tenant;

import static java.util.Objects.requireNonNull;

/** Tenant IDs as Tempo accepts them in {@code X-Scope-OrgID}. */
public final class Tenants {

  /** The tenant every request belongs to when multi-tenancy is off, as in Tempo. */
  public static final String SINGLE_TENANT = "single-tenant";

  /** The header (and gRPC metadata key, lower-cased) that names the tenant. */
  public static final String ORG_ID_HEADER = "X-Scope-OrgID";

  /** The longest tenant ID accepted, in characters. */
  public static final int MAX_LENGTH = 150;

  /**
   * Checks a tenant ID against Tempo's rules: at most {@value #MAX_LENGTH} characters of {@code a-z
   * A-Z 0-9 ! - _ . * ' ( )}, and neither {@code .} nor {@code ..}.
   *
   * @return {@code tenant}
   * @throws IllegalArgumentException with a message that names the fault
   */
  public static String validate(String tenant) {
    requireNonNull(tenant, "tenant");
    if (tenant.isEmpty()) {
      throw new IllegalArgumentException("no org id");
    }
    if (tenant.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "tenant ID is too long: max " + MAX_LENGTH + " characters");
    }
    if (tenant.equals(".") || tenant.equals("..")) {
      throw new IllegalArgumentException("tenant ID is '.' or '..'");
    }
    for (int i = 0; i < tenant.length(); i++) {
      char c = tenant.charAt(i);
      if (!isAllowed(c)) {
        if (c == '|') {
          throw new IllegalArgumentException("multiple org IDs present");
        }
        throw new IllegalArgumentException(
            "tenant ID '" + tenant + "' contains unsupported character '" + c + "'");
      }
    }
    return tenant;
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!-_.*'()".indexOf(c) >= 0;
  }

  private Tenants() {}
}
