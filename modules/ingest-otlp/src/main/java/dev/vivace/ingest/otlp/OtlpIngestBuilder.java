package dev.vivace.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.vivace.ingest.TraceSink;
import dev.vivace.tenant.Tenancy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** Builds an {@link OtlpIngest}. */
public final class OtlpIngestBuilder {

  /** Tempo's {@code distributor.max_attribute_bytes}: if unset, defaults to 2048 bytes. */
  public static final int DEFAULT_MAX_ATTRIBUTE_BYTES = 2048;

  private final TraceSink sink;
  private Tenancy tenancy = Tenancy.SINGLE;
  private int maxAttributeBytes = DEFAULT_MAX_ATTRIBUTE_BYTES;
  private MeterRegistry meterRegistry = new SimpleMeterRegistry();
  private Function<String, RateLimit> rateLimits = tenant -> RateLimit.NONE;
  private Duration retryAfter = Duration.ZERO;
  private LongSupplier nanoTime = System::nanoTime;

  OtlpIngestBuilder(TraceSink sink) {
    this.sink = requireNonNull(sink, "sink");
  }

  /** How requests map to tenants; if unset, defaults to {@link Tenancy#SINGLE}. */
  public OtlpIngestBuilder tenancy(Tenancy tenancy) {
    this.tenancy = requireNonNull(tenancy, "tenancy");
    return this;
  }

  /**
   * Attribute keys and string values longer than this many UTF-8 bytes are truncated; 0 turns
   * truncation off. If unset, defaults to {@link #DEFAULT_MAX_ATTRIBUTE_BYTES}.
   */
  public OtlpIngestBuilder maxAttributeBytes(int maxAttributeBytes) {
    if (maxAttributeBytes < 0) {
      throw new IllegalArgumentException(
          "maxAttributeBytes: " + maxAttributeBytes + " (expected: >= 0)");
    }
    this.maxAttributeBytes = maxAttributeBytes;
    return this;
  }

  /** Where ingest counters go; if unset, a private registry nobody reads. */
  public OtlpIngestBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  /** Each tenant's ingestion rate limit; if unset, none. */
  public OtlpIngestBuilder rateLimits(Function<String, RateLimit> rateLimits) {
    this.rateLimits = requireNonNull(rateLimits, "rateLimits");
    return this;
  }

  /**
   * Tempo's {@code distributor.retry_after_on_resource_exhausted}: when positive, rate-limited
   * clients are told to retry after this long (HTTP {@code Retry-After}, gRPC {@code RetryInfo});
   * if unset, no hint is sent.
   */
  public OtlpIngestBuilder retryAfter(Duration retryAfter) {
    requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter: " + retryAfter + " (expected: >= 0)");
    }
    this.retryAfter = retryAfter;
    return this;
  }

  /** The clock of the rate limiters, for tests; if unset, {@link System#nanoTime()}. */
  OtlpIngestBuilder nanoTime(LongSupplier nanoTime) {
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    return this;
  }

  /** Returns a new {@link OtlpIngest}. */
  public OtlpIngest build() {
    return new OtlpIngest(
        sink,
        tenancy,
        maxAttributeBytes,
        new IngestMetrics(meterRegistry),
        new RateLimiters(rateLimits, nanoTime),
        retryAfter);
  }
}
