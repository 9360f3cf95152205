package dev.vivace.testing.logging;

import static java.util.Objects.requireNonNull;

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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event reaching Logback's root logger: the formatted message, each argument,
 * and every throwable with its causes and stack frames. Use it either around a block ({@link
 * #start()}, closed with try-with-resources) or as a class extension ({@link #forClass}) that turns
 * DEBUG on and, after the class, fails if any of the given secrets was logged.
 */
public final class LogCapture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  private final Supplier<? extends Collection<String>> secrets;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Supplier<? extends Collection<String>> secrets) {
    this.secrets = secrets;
  }

  /**
   * Starts capturing now, at the levels {@code logback-test.xml} sets; stop with {@link #close}.
   */
  public static LogCapture start() {
    LogCapture capture = new LogCapture(List::of);
    capture.attach();
    return capture;
  }

  /**
   * Returns an extension for {@code @RegisterExtension static} fields: it captures the whole class
   * at DEBUG and up and, after it, fails if one of {@code secrets} (asked for then) was logged.
   */
  public static LogCapture forClass(Supplier<? extends Collection<String>> secrets) {
    return new LogCapture(requireNonNull(secrets, "secrets"));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    attach();
    Logger root = root();
    if (!root.isDebugEnabled()) {
      root.setLevel(Level.DEBUG);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
    assertNoSecrets(secrets.get());
  }

  /** Stops capturing; what was captured stays readable. */
  @Override
  public void close() {
    root().detachAppender(appender);
  }

  /** All captured text: one string per event. */
  public List<String> lines() {
    List<ILoggingEvent> events;
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    List<String> lines = new ArrayList<>(events.size());
    for (ILoggingEvent e : events) {
      StringBuilder sb =
          new StringBuilder()
              .append(e.getLevel())
              .append(' ')
              .append(e.getLoggerName())
              .append(' ')
              .append(e.getFormattedMessage());
      Object[] args = e.getArgumentArray();
      if (args != null) {
        for (Object arg : args) {
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

  /**
   * Fails if any of {@code secrets} was logged, naming the line with the secret masked and only its
   * length and first four characters shown. Fails as well if {@code secrets} is empty: such a scan
   * would prove nothing.
   */
  public void assertNoSecrets(Collection<String> secrets) {
    if (secrets.isEmpty()) {
      throw new AssertionError("no secrets to look for: the scan would prove nothing");
    }
    List<String> lines = lines();
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

  private void attach() {
    Logger root = root();
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
