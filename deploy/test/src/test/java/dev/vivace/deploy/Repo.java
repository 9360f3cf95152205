package dev.vivace.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the tests check, from the {@code vivace.root} system property. */
final class Repo {

  static final Path ROOT =
      Path.of(System.getProperty("vivace.root", "../..")).toAbsolutePath().normalize();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final Path CHART = DEPLOY.resolve("helm/vivace");
  static final Path DOCKERFILE = DEPLOY.resolve("Dockerfile");
  static final Path SERVER_TARGET = ROOT.resolve("modules/server/target");

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Repo() {}
}
