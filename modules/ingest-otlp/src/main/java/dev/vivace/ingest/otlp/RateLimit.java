package dev.vivace.ingest.otlp;

/**
 * A tenant's ingestion rate limit, as Tempo's overrides set it: a token bucket over the protobuf
 * size of requests, refilled at {@code bytesPerSecond} and holding at most {@code burstBytes}. Zero
 * for either turns the limit off.
 */
public record RateLimit(long bytesPerSecond, long burstBytes) {

  /** Tempo's defaults: 15,000,000 bytes/s with a burst of 20,000,000 bytes. */
  public static final RateLimit DEFAULT = new RateLimit(15_000_000, 20_000_000);

  /** No limit. */
  public static final RateLimit NONE = new RateLimit(0, 0);

  /** Validates the limit. */
  public RateLimit {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bytesPerSecond: " + bytesPerSecond + " (expected: >= 0)");
    }
    if (burstBytes < 0) {
      throw new IllegalArgumentException("burstBytes: " + burstBytes + " (expected: >= 0)");
    }
  }

  boolean isOff() {
    return bytesPerSecond == 0 || burstBytes == 0;
  }
}
