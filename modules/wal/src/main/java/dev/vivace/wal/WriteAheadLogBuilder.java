package dev.vivace.wal;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** Builds a {@link WriteAheadLog}. */
public final class WriteAheadLogBuilder {

  /** If unset, segments roll at 128 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 128L * 1024 * 1024;

  private final Path directory;
  private long segmentBytes = DEFAULT_SEGMENT_BYTES;
  private boolean sync = true;

  WriteAheadLogBuilder(Path directory) {
    this.directory = requireNonNull(directory, "directory");
  }

  /** Size at which the active segment is closed and a new one started. */
  public WriteAheadLogBuilder segmentBytes(long segmentBytes) {
    if (segmentBytes < 1024) {
      throw new IllegalArgumentException("segmentBytes: " + segmentBytes + " (expected: >= 1024)");
    }
    this.segmentBytes = segmentBytes;
    return this;
  }

  /**
   * Whether appends are forced to disk before they complete; if unset, defaults to true. Without
   * it, an acknowledged request survives a crash of the process but not of the machine.
   */
  public WriteAheadLogBuilder sync(boolean sync) {
    this.sync = sync;
    return this;
  }

  /** Returns a new log. Creates no file until the first append. */
  public WriteAheadLog build() {
    return new WriteAheadLog(directory, segmentBytes, sync, Segments::create);
  }
}
