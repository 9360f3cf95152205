package dev.vivace.ingest.otlp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/** One token bucket per tenant. */
final class RateLimiters {

  private final Function<String, RateLimit> limits;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiters(Function<String, RateLimit> limits, LongSupplier nanoTime) {
    this.limits = limits;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes {@code bytes} from the tenant's bucket.
   *
   * @return null when allowed, or Tempo's message for the refusal
   */
  @Nullable String tryAcquire(String tenant, long bytes) {
    RateLimit limit = limits.apply(tenant);
    if (limit.isOff()) {
      return null;
    }
    Bucket bucket =
        buckets.computeIfAbsent(tenant, t -> new Bucket(limit.burstBytes(), nanoTime.getAsLong()));
    String limits =
        "(local: "
            + limit.bytesPerSecond()
            + " bytes/s, global: "
            + limit.bytesPerSecond()
            + " bytes/s, burst: "
            + limit.burstBytes()
            + " bytes)";
    if (bytes > limit.burstBytes()) {
      return "RATE_LIMITED: batch size ("
          + bytes
          + " bytes) exceeds ingestion limit "
          + limits
          + " while adding "
          + bytes
          + " bytes for user "
          + tenant
          + ". consider reducing batch size or increasing rate limit.";
    }
    if (!bucket.take(bytes, limit, nanoTime.getAsLong())) {
      return "RATE_LIMITED: ingestion rate limit "
          + limits
          + " exceeded while adding "
          + bytes
          + " bytes for user "
          + tenant
          + ". consider increasing the limit or reducing ingestion rate.";
    }
    return null;
  }

  private static final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(long tokens, long now) {
      this.tokens = tokens;
      this.lastNanos = now;
    }

    synchronized boolean take(long bytes, RateLimit limit, long now) {
      double refill = (now - lastNanos) / 1e9 * limit.bytesPerSecond();
      tokens = Math.min((double) limit.burstBytes(), tokens + Math.max(0, refill));
      lastNanos = now;
      if (tokens < bytes) {
        return false;
      }
      tokens -= bytes;
      return true;
    }
  }
}
