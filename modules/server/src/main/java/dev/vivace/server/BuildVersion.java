package dev.vivace.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Vivace version this build was made from. */
final class BuildVersion {

  static String get() {
    try (InputStream in = BuildVersion.class.getResourceAsStream("vivace.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  private BuildVersion() {}
}
