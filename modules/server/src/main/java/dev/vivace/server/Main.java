package dev.vivace.server;

import ch.qos.logback.classic.Level;
import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.ConfigLoader;
import dev.vivace.server.config.VivaceConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Vivace: {@code java -jar vivace.jar [-config.file=PATH] [-config.expand-env=true]}. */
public final class Main {

  private static final Logger logger = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    Flags flags;
    try {
      flags = Flags.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("vivace: " + e.getMessage());
      Flags.usage(System.err);
      System.exit(2);
      return;
    }
    if (flags.help()) {
      Flags.usage(System.out);
      return;
    }
    if (flags.version()) {
      System.out.println("vivace, version " + BuildVersion.get());
      return;
    }
    VivaceConfig config;
    try {
      config = ConfigLoader.load(flags.configFile(), flags.expandEnv(), System.getenv());
    } catch (ConfigException e) {
      System.err.println("vivace: " + e.getMessage());
      System.exit(1);
      return;
    }
    setLogLevel(config.get(ConfigKeys.LOG_LEVEL));
    config.warnings().forEach(w -> logger.warn("{}", w));
    JvmChecks.warnUnlessExitOnOutOfMemory();

    VivaceServer server;
    try {
      server = VivaceServer.create(config, System.getenv());
    } catch (ConfigException e) {
      System.err.println("vivace: " + e.getMessage());
      System.exit(1);
      return;
    }
    try {
      server.start();
    } catch (RuntimeException e) {
      logger.error("Failed to start", e);
      server.close();
      System.exit(1);
      return;
    }
    logger.info(
        "Vivace {} started: query API on port {}, OTLP/gRPC on port {}, OTLP/HTTP on port {}"
            + ", write-ahead log in {}, blocks in {}",
        BuildVersion.get(),
        server.queryPort(),
        port(server.otlpGrpcPort()),
        port(server.otlpHttpPort()),
        config.get(ConfigKeys.WAL_PATH),
        server.blockStorage());

    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop =
        () -> {
          logger.info("Stopping: finishing in-flight requests");
          server.close();
          logger.info("Stopped");
          stopped.countDown();
        };
    boolean exitsCleanly =
        Signals.onTermination(
            () -> {
              stop.run();
              System.exit(0);
            });
    if (!exitsCleanly) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop, "vivace-shutdown"));
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String port(int port) {
    return port < 0 ? "off" : Integer.toString(port);
  }

  /**
   * Applies {@code server.log_level} to the root logger. Loggers that {@code logback.xml} gives a
   * level of their own, third-party libraries that would log span contents or credentials, keep it.
   */
  static void setLogLevel(String level) {
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logger) {
      logger.setLevel(Level.toLevel(level, Level.INFO));
    }
  }

  private Main() {}
}
