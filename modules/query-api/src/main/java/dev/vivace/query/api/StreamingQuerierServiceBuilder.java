package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import dev.vivace.search.SearchEngine;
import dev.vivace.tenant.Tenancy;
import java.time.Duration;
import java.util.function.ToLongFunction;

/** Builds a {@link StreamingQuerierService}. */
public final class StreamingQuerierServiceBuilder {

  /** How often a streaming search sends what is new: 500 ms, as Tempo. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(500);

  private final SearchEngine engine;
  private Tenancy tenancy = Tenancy.SINGLE;
  private SearchLimits limits = SearchLimits.DEFAULT;
  private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
  private int maxMessageBytes = GrpcSearchResponses.MAX_MESSAGE_BYTES;
  private ToLongFunction<String> maxBytesPerTagValuesQuery =
      tenant -> QueryApiBuilder.DEFAULT_MAX_BYTES_PER_TAG_VALUES_QUERY;

  StreamingQuerierServiceBuilder(SearchEngine engine) {
    this.engine = requireNonNull(engine, "engine");
  }

  /** How calls map to tenants; if unset, defaults to {@link Tenancy#SINGLE}. */
  public StreamingQuerierServiceBuilder tenancy(Tenancy tenancy) {
    this.tenancy = requireNonNull(tenancy, "tenancy");
    return this;
  }

  /**
   * Tempo's {@code query_frontend.search} limits and defaults, and how long a call searches before
   * it answers with what it found (a client's shorter {@code grpc-timeout} wins); if unset,
   * defaults to {@link SearchLimits#DEFAULT}.
   */
  public StreamingQuerierServiceBuilder searchLimits(SearchLimits limits) {
    this.limits = requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Tempo's {@code max_bytes_per_tag_values_query} per tenant (0: unlimited), for the tag calls as
   * for the HTTP tag routes; if unset, defaults to {@link
   * QueryApiBuilder#DEFAULT_MAX_BYTES_PER_TAG_VALUES_QUERY}.
   */
  public StreamingQuerierServiceBuilder maxBytesPerTagValuesQuery(
      ToLongFunction<String> maxBytesPerTagValuesQuery) {
    this.maxBytesPerTagValuesQuery =
        requireNonNull(maxBytesPerTagValuesQuery, "maxBytesPerTagValuesQuery");
    return this;
  }

  /**
   * How often a streaming search sends the traces found since its last message; if unset, defaults
   * to {@link #DEFAULT_FLUSH_INTERVAL}.
   */
  public StreamingQuerierServiceBuilder flushInterval(Duration flushInterval) {
    this.flushInterval = positive(flushInterval, "flushInterval");
    return this;
  }

  private static Duration positive(Duration d, String name) {
    requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
    return d;
  }

  /** For tests: a smaller message limit than gRPC's default, to see results split. */
  StreamingQuerierServiceBuilder maxMessageBytes(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
    return this;
  }

  /** Returns a new {@link StreamingQuerierService}. */
  public StreamingQuerierService build() {
    return new StreamingQuerierService(
        engine, tenancy, limits, flushInterval, maxMessageBytes, maxBytesPerTagValuesQuery);
  }
}
