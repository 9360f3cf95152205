package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

/**
 * What {@code /api/status/buildinfo} reports. {@code version} is the Tempo API version Vivace
 * implements, because Grafana gates features on it; {@code revision} names the Vivace build.
 */
public record BuildInfo(String version, String revision, String branch) {

  /** The Tempo release whose API Vivace implements. */
  public static final String TEMPO_API_VERSION = "2.10.3";

  /** Validates the fields. */
  public BuildInfo {
    requireNonNull(version, "version");
    requireNonNull(revision, "revision");
    requireNonNull(branch, "branch");
  }

  /** Returns the build info of a Vivace build of version {@code vivaceVersion}. */
  public static BuildInfo of(String vivaceVersion) {
    return new BuildInfo(TEMPO_API_VERSION, "vivace-" + vivaceVersion, "HEAD");
  }
}
