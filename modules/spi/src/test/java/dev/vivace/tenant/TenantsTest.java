package dev.vivace.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantsTest {

  @Test
  void acceptsTempoCharacters() {
    assertThat(Tenants.validate("team-a_1.(prod)*'!")).isEqualTo("team-a_1.(prod)*'!");
  }

  @Test
  void rejectsWithTempoMessages() {
    assertThatThrownBy(() -> Tenants.validate("a#b"))
        .hasMessage("tenant ID 'a#b' contains unsupported character '#'");
    assertThatThrownBy(() -> Tenants.validate("a|b")).hasMessage("multiple org IDs present");
    assertThatThrownBy(() -> Tenants.validate("")).hasMessage("no org id");
    assertThatThrownBy(() -> Tenants.validate("..")).hasMessage("tenant ID is '.' or '..'");
    assertThatThrownBy(() -> Tenants.validate("x".repeat(151)))
        .hasMessage("tenant ID is too long: max 150 characters");
  }

  @Test
  void tenancyResolvesLikeTempo() {
    assertThat(Tenancy.SINGLE.tenantOf("ignored#")).isEqualTo("single-tenant");
    assertThat(Tenancy.MULTI.tenantOf("team")).isEqualTo("team");
    assertThatThrownBy(() -> Tenancy.MULTI.tenantOf(null))
        .isInstanceOf(MissingTenantException.class)
        .hasMessage("no org id");
    assertThat(Tenancy.MULTI.queryTenantsOf("a|b|a")).containsExactly("a", "b");
    assertThatThrownBy(() -> Tenancy.MULTI.tenantOf("a|b")).hasMessage("multiple org IDs present");
  }
}
