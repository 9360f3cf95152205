package dev.vivace.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeysTest {

  @Test
  void acceptsTempoBlockKeys() {
    assertThat(ObjectKeys.validateKey("single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10/bloom-0"))
        .isEqualTo("single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10/bloom-0");
    assertThat(ObjectKeys.join("t", "b", "meta.json")).isEqualTo("t/b/meta.json");
  }

  @Test
  void rejectsEmptyKey() {
    assertThatThrownBy(() -> ObjectKeys.validateKey(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key: \"\" (expected: at least one segment)");
  }

  @Test
  void rejectsEmptySegments() {
    assertThatThrownBy(() -> ObjectKeys.validateKey("a//b"))
        .hasMessage("key: a//b (expected: no empty segment)");
    assertThatThrownBy(() -> ObjectKeys.validateKey("/a"))
        .hasMessage("key: /a (expected: no empty segment)");
    assertThatThrownBy(() -> ObjectKeys.validateKey("a/"))
        .hasMessage("key: a/ (expected: no empty segment)");
  }

  @Test
  void rejectsTraversal() {
    assertThatThrownBy(() -> ObjectKeys.validateKey("a/../b"))
        .hasMessage("key: a/../b (expected: no '.' or '..' segment)");
    assertThatThrownBy(() -> ObjectKeys.validateKey("a\\b"))
        .hasMessage("key: a\\b (expected: no backslash or NUL character)");
  }

  @Test
  void prefixesMayEndWithSlashOrBePartial() {
    assertThat(ObjectKeys.validatePrefix("")).isEmpty();
    assertThat(ObjectKeys.validatePrefix("t/")).isEqualTo("t/");
    assertThat(ObjectKeys.validatePrefix("t/b27")).isEqualTo("t/b27");
    assertThatThrownBy(() -> ObjectKeys.validatePrefix("t//b"))
        .hasMessage("prefix: t//b (expected: no empty segment)");
  }
}
