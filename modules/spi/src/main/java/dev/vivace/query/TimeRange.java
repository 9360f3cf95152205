package dev.vivace.query;

/**
 * A window of Unix epoch seconds used to skip stored blocks that cannot hold a trace. Zero on
 * either side means unbounded on that side, as in Tempo's {@code start}/{@code end} parameters.
 */
public record TimeRange(long startSeconds, long endSeconds) {

  /** The window that skips nothing. */
  public static final TimeRange ALL = new TimeRange(0, 0);

  /** Validates the window. */
  public TimeRange {
    if (startSeconds != 0 && endSeconds != 0 && endSeconds <= startSeconds) {
      throw new IllegalArgumentException(
          "http parameter start must be before end. received start="
              + startSeconds
              + " end="
              + endSeconds);
    }
  }

  /** Returns true when [fromSeconds, toSeconds] overlaps this window. */
  public boolean overlaps(long fromSeconds, long toSeconds) {
    boolean afterStart = startSeconds == 0 || toSeconds >= startSeconds;
    boolean beforeEnd = endSeconds == 0 || fromSeconds < endSeconds;
    return afterStart && beforeEnd;
  }
}
