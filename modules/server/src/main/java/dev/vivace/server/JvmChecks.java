package dev.vivace.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks of how the JVM was started that an operator should hear about. */
final class JvmChecks {

  private static final Logger logger = LoggerFactory.getLogger(JvmChecks.class);

  /**
   * Warns when the JVM would go on after an {@link OutOfMemoryError}: a process that lives on in
   * back-to-back full collections answers nothing in time, while one that exits is restarted by its
   * supervisor and replays its write-ahead log.
   */
  static void warnUnlessExitOnOutOfMemory() {
    if (!exitsOnOutOfMemory()) {
      logger.warn(
          "The JVM was started without -XX:+ExitOnOutOfMemoryError: after running out of memory"
              + " it would go on, unresponsive, instead of exiting to be restarted");
    }
  }

  static boolean exitsOnOutOfMemory() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotspot != null
          && (Boolean.parseBoolean(hotspot.getVMOption("ExitOnOutOfMemoryError").getValue())
              || Boolean.parseBoolean(hotspot.getVMOption("CrashOnOutOfMemoryError").getValue()));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Not a HotSpot JVM: its options are its own.
      return true;
    }
  }

  private JvmChecks() {}
}
