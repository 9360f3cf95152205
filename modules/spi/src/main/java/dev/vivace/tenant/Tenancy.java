package dev.vivace.tenant;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How requests are mapped to tenants, as Tempo's {@code multitenancy_enabled} decides: off, every
 * request belongs to {@value Tenants#SINGLE_TENANT} and the header is ignored; on, the {@code
 * X-Scope-OrgID} header names the tenant and is required.
 */
public record Tenancy(boolean multitenant) {

  /** Tenancy with multi-tenancy off. */
  public static final Tenancy SINGLE = new Tenancy(false);

  /** Tenancy with multi-tenancy on. */
  public static final Tenancy MULTI = new Tenancy(true);

  /**
   * Returns the tenant of a request whose {@code X-Scope-OrgID} header is {@code orgId}.
   *
   * @throws MissingTenantException when multi-tenancy is on and the header is absent or empty
   * @throws IllegalArgumentException when the header names no valid tenant
   */
  public String tenantOf(@Nullable String orgId) {
    if (!multitenant) {
      return Tenants.SINGLE_TENANT;
    }
    if (orgId == null || orgId.isEmpty()) {
      throw new MissingTenantException();
    }
    return Tenants.validate(orgId);
  }

  /**
   * Returns the tenants a query is for: with multi-tenancy on, the header may name several tenants
   * separated by {@code |}, as in Tempo's cross-tenant queries.
   *
   * @throws MissingTenantException when multi-tenancy is on and the header is absent or empty
   * @throws IllegalArgumentException when a name is not a valid tenant
   */
  public List<String> queryTenantsOf(@Nullable String orgId) {
    if (!multitenant) {
      return List.of(Tenants.SINGLE_TENANT);
    }
    if (orgId == null || orgId.isEmpty()) {
      throw new MissingTenantException();
    }
    List<String> tenants = new ArrayList<>();
    for (String part : orgId.split("\\|", -1)) {
      String tenant = Tenants.validate(part);
      if (!tenants.contains(tenant)) {
        tenants.add(tenant);
      }
    }
    return tenants;
  }
}
