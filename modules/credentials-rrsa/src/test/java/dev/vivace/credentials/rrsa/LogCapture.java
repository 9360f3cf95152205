package dev.vivace.credentials.rrsa;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of a test class (all loggers, DEBUG and up) and, after the class, fails
 * if any of the given secrets appears in a message, an argument or a throwable (messages and stack
 * frames, causes included).
 */
final class LogCapture implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<Collection<String>> secrets;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture(Supplier<Collection<String>> secrets) {
    this.secrets = secrets;
  }

  @Override
  public void beforeAll(@Nullable ExtensionContext context) {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
    if (!root.isDebugEnabled()) {
      root.setLevel(Level.DEBUG);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    assertNoSecrets(secrets.get());
  }

  /** Detaches without checking; for the scanner's own tests. */
  void afterAllQuietly() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
  }

  /** All captured text: one string per event. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      StringBuilder sb =
          new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
      if (e.getArgumentArray() != null) {
        for (Object arg : e.getArgumentArray()) {
          sb.append(" | ").append(arg);
        }
      }
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
          sb.append(' ').append(frame.getSTEAsString());
        }
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  void assertNoSecrets(Collection<String> secrets) {
    List<String> lines = lines();
    assertThat(secrets).as("secrets to look for").isNotEmpty();
    for (String secret : secrets) {
      for (String line : lines) {
        if (line.contains(secret)) {
          throw new AssertionError(
              "a secret ("
                  + secret.length()
                  + " chars, starting "
                  + secret.substring(0, Math.min(4, secret.length()))
                  + ") was logged: "
                  + line.replace(secret, "<SECRET>"));
        }
      }
    }
  }
}
