package dev.vivace.testing.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log scanner used by the credential tests does find a secret, in a message or a cause. */
class LogCaptureTest {

  static final Logger logger = LoggerFactory.getLogger(LogCaptureTest.class);

  @Test
  void findsPlantedSecrets() {
    try (LogCapture capture = LogCapture.start()) {
      logger.info("harmless line");
      assertThatCode(() -> capture.assertNoSecrets(List.of("s3cr3t-value")))
          .doesNotThrowAnyException();
      logger.info("leaking {}", "s3cr3t-value");
      assertThatThrownBy(() -> capture.assertNoSecrets(List.of("s3cr3t-value")))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("leaking <SECRET>")
          .hasMessageNotContaining("s3cr3t-value");
    }
  }

  @Test
  void findsSecretsInCauses() {
    try (LogCapture capture = LogCapture.start()) {
      logger.warn(
          "failed", new IllegalStateException("outer", new RuntimeException("token eyJhbG.x.y")));
      assertThatThrownBy(() -> capture.assertNoSecrets(List.of("eyJhbG.x.y")))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("a secret (10 chars, starting eyJh) was logged: WARN ")
          .hasMessageContaining("java.lang.RuntimeException: token <SECRET>")
          .hasMessageNotContaining("eyJhbG.x.y");
    }
  }

  @Test
  void refusesAScanForNothing() {
    try (LogCapture capture = LogCapture.start()) {
      assertThatThrownBy(() -> capture.assertNoSecrets(List.of()))
          .isInstanceOf(AssertionError.class)
          .hasMessage("no secrets to look for: the scan would prove nothing");
    }
  }

  @Test
  void stopsCapturingWhenClosed() {
    LogCapture capture = LogCapture.start();
    logger.info("inside");
    capture.close();
    logger.info("outside");
    assertThat(capture.lines())
        .anyMatch(l -> l.contains("inside"))
        .noneMatch(l -> l.contains("outside"));
  }
}
