package dev.vivace.storage.s3;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event reaching the root logger (levels as in {@code logback-test.xml}) while
 * open: the formatted message, each argument, and every throwable with its causes and stack frames.
 */
final class LogCapture implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  static LogCapture start() {
    LogCapture c = new LogCapture();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    c.appender.setContext(root.getLoggerContext());
    c.appender.start();
    root.addAppender(c.appender);
    return c;
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    List<ILoggingEvent> events;
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    for (ILoggingEvent e : events) {
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

  /** Fails naming the log line (with the secret masked) if any of {@code secrets} was logged. */
  void assertNoneOf(Collection<String> secrets) {
    List<String> lines = lines();
    for (String secret : secrets) {
      for (String line : lines) {
        if (line.contains(secret)) {
          throw new AssertionError(
              "a secret ("
                  + secret.length()
                  + " chars) was logged: "
                  + line.replace(secret, "<SECRET>"));
        }
      }
    }
  }

  @Override
  public void close() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
  }
}
