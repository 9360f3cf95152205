package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogfmtTagsTest {

  @Test
  void decodesPlainQuotedAndBareKeys() {
    assertThat(LogfmtTags.parse("service.name=foo  http.url=\"/a b\" flag name=x"))
        .containsExactly(
            Map.entry("service.name", "foo"),
            Map.entry("http.url", "/a b"),
            Map.entry("flag", ""),
            Map.entry("name", "x"));
  }

  @Test
  void decodesEscapesInQuotedValues() {
    assertThat(LogfmtTags.parse("k=\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\""))
        .containsExactly(Map.entry("k", "a\"b\\c\n\u00e9\ud83d\ude00"));
    assertThat(LogfmtTags.parse("k=\"\" j="))
        .containsExactly(Map.entry("k", ""), Map.entry("j", ""));
  }

  @Test
  void mergesLines() {
    assertThat(LogfmtTags.parse("a=1\r\nb=2\n"))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void refusesADuplicateKey() {
    assertThatThrownBy(() -> LogfmtTags.parse("service.name=foo service.name=bar"))
        .hasMessage("invalid tags: tag service.name has been set twice");
  }

  @Test
  void syntaxErrorsNameWhatAndWhere() {
    assertThatThrownBy(() -> LogfmtTags.parse("=foo"))
        .hasMessage("invalid tags: unexpected '=' at pos 1");
    assertThatThrownBy(() -> LogfmtTags.parse("a=b=c"))
        .hasMessage("invalid tags: unexpected '=' at pos 4");
    assertThatThrownBy(() -> LogfmtTags.parse("a\"b=c"))
        .hasMessage("invalid tags: unexpected '\"' at pos 2");
    assertThatThrownBy(() -> LogfmtTags.parse("a=b\"c"))
        .hasMessage("invalid tags: unexpected '\"' at pos 4");
    assertThatThrownBy(() -> LogfmtTags.parse("x=1 a=\"open"))
        .hasMessage("invalid tags: unterminated quoted value at pos 12");
    assertThatThrownBy(() -> LogfmtTags.parse("a=\"\\x\" b=1"))
        .hasMessage("invalid tags: invalid quoted value at pos 7");
    // Positions count bytes, as Go's do.
    assertThatThrownBy(() -> LogfmtTags.parse("\u00e9=1 =2"))
        .hasMessage("invalid tags: unexpected '=' at pos 6");
  }
}
