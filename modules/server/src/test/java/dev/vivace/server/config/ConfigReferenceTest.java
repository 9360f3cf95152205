package dev.vivace.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration table in README.md is the one generated from the code, key for key. */
class ConfigReferenceTest {

  @Test
  void readmeTableMatchesTheKeys() throws IOException {
    String readme = Files.readString(Path.of("..", "..", "README.md"));
    int begin = readme.indexOf("<!-- config:begin -->\n");
    int end = readme.indexOf("<!-- config:end -->");
    assertThat(begin).as("README.md has the config markers").isNotNegative();
    String table = readme.substring(begin + "<!-- config:begin -->\n".length(), end);
    assertThat(table)
        .as(
            "README.md config table; regenerate with: java -cp modules/server/target/classes"
                + " dev.vivace.server.config.ConfigReference")
        .isEqualTo(ConfigReference.markdown());
  }
}
