package dev.vivace.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlDocumentTest {

  @Test
  void syntaxMessagesKeepNothingTakenFromTheFile() {
    String[][] cases = {
      {
        "found character '@' that cannot start any token.",
        "found a character that cannot start any token"
      },
      {"found undefined alias s3cr3t", "found undefined alias"},
      {"expected <block end>, but found '<scalar>'", "expected <block end>, but found '<scalar>'"},
      {
        "expected alphabetic or numeric character, but found s(115)",
        "expected alphabetic or numeric character"
      },
      {"could not find expected ':'", "could not find expected ':'"},
      {"Global tag is not allowed: tag:s3cr3t", "Global tag is not allowed"},
      {"found 'x' here", "unexpected content"},
    };
    for (String[] c : cases) {
      assertThat(YamlDocument.describe(c[0])).as(c[0]).isEqualTo(c[1]);
    }
  }
}
