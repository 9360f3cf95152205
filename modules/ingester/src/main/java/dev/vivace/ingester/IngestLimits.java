package dev.vivace.ingester;

/**
 * Per-tenant limits the ingester enforces, as Tempo's overrides name them.
 *
 * @param maxBytesPerTrace {@code max_bytes_per_trace}: the most bytes one live trace may hold; 0
 *     means unlimited
 * @param maxLiveTraces {@code max_traces_per_user}: the most live traces one tenant may hold; 0
 *     means unlimited
 */
public record IngestLimits(long maxBytesPerTrace, int maxLiveTraces) {

  /** Tempo's default {@code max_bytes_per_trace}: 5,000,000 bytes. */
  public static final long DEFAULT_MAX_BYTES_PER_TRACE = 5_000_000;

  /** Tempo's default {@code max_traces_per_user}: 10,000 live traces. */
  public static final int DEFAULT_MAX_LIVE_TRACES = 10_000;

  /** Tempo's defaults. */
  public static final IngestLimits DEFAULT =
      new IngestLimits(DEFAULT_MAX_BYTES_PER_TRACE, DEFAULT_MAX_LIVE_TRACES);

  /** Validates the limits. */
  public IngestLimits {
    if (maxBytesPerTrace < 0) {
      throw new IllegalArgumentException(
          "maxBytesPerTrace: " + maxBytesPerTrace + " (expected: >= 0)");
    }
    if (maxLiveTraces < 0) {
      throw new IllegalArgumentException("maxLiveTraces: " + maxLiveTraces + " (expected: >= 0)");
    }
  }
}
