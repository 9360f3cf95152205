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
}
