package dev.vivace.credentials.rrsa;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The projected service-account token. The path is opened anew for every read: the kubelet replaces
 * the file through a {@code ..data} symlink swap, so neither the token nor a file handle may be
 * kept.
 */
final class OidcTokenFile {

  private final Path path;
  private final String source;

  OidcTokenFile(Path path, String source) {
    this.path = requireNonNull(path, "path");
    this.source = requireNonNull(source, "source");
  }

  String read() throws StsCallException {
    String token;
    try {
      token = Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw fail("TokenFile.NotFound", "does not exist");
    } catch (AccessDeniedException e) {
      throw fail("TokenFile.AccessDenied", "is not readable by this process (permission denied)");
    } catch (IOException e) {
      throw fail(
          "TokenFile.Unreadable", "could not be read (" + e.getClass().getSimpleName() + ")");
    }
    if (token.isEmpty()) {
      throw fail("TokenFile.Empty", "is empty");
    }
    return token;
  }

  Path path() {
    return path;
  }

  private StsCallException fail(String code, String what) {
    return new StsCallException(
        ErrorClass.TOKEN,
        code,
        null,
        "OIDC token file "
            + path
            + " (from "
            + source
            + ") "
            + what
            + "; check the projected service-account token volume of the pod");
  }
}
