package dev.vivace.credentials.rrsa;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log scanner used by every emulator test class does find a secret, in a message or a cause.
 */
class LogCaptureTest {

  static final Logger logger = LoggerFactory.getLogger(LogCaptureTest.class);

  @Test
  void findsPlantedSecrets() {
    LogCapture capture = new LogCapture(List::of);
    capture.beforeAll(null);
    try {
      logger.info("harmless line");
      assertThatCode(() -> capture.assertNoSecrets(List.of("s3cr3t-value")))
          .doesNotThrowAnyException();
      logger.debug("leaking {}", "s3cr3t-value");
      assertThatThrownBy(() -> capture.assertNoSecrets(List.of("s3cr3t-value")))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("leaking <SECRET>")
          .hasMessageNotContaining("s3cr3t-value");
    } finally {
      capture.afterAllQuietly();
    }
  }

  @Test
  void findsSecretsInCauses() {
    LogCapture capture = new LogCapture(List::of);
    capture.beforeAll(null);
    try {
      logger.warn(
          "failed", new IllegalStateException("outer", new RuntimeException("token eyJhbG.x.y")));
      assertThatThrownBy(() -> capture.assertNoSecrets(List.of("eyJhbG.x.y")))
          .isInstanceOf(AssertionError.class);
    } finally {
      capture.afterAllQuietly();
    }
  }
}
