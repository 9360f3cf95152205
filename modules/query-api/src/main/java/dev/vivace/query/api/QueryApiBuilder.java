package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import dev.vivace.query.TraceFinder;
import dev.vivace.search.SearchEngine;
import dev.vivace.tenant.Tenancy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/** Builds a {@link QueryApi}. */
public final class QueryApiBuilder {

  /** Tempo's default {@code max_bytes_per_trace}: 5,000,000 bytes. */
  public static final long DEFAULT_MAX_BYTES_PER_TRACE = 5_000_000;

  /** Tempo's default {@code max_bytes_per_tag_values_query}: 1,000,000 bytes. */
  public static final long DEFAULT_MAX_BYTES_PER_TAG_VALUES_QUERY = 1_000_000;

  private final List<TraceFinder> finders;
  private Tenancy tenancy = Tenancy.SINGLE;
  private ToLongFunction<String> maxBytesPerTrace = tenant -> DEFAULT_MAX_BYTES_PER_TRACE;
  private ToLongFunction<String> maxBytesPerTagValuesQuery =
      tenant -> DEFAULT_MAX_BYTES_PER_TAG_VALUES_QUERY;
  private BuildInfo buildInfo = BuildInfo.of("dev");
  private String prefix = "";
  private @Nullable SearchEngine searchEngine;
  private SearchLimits searchLimits = SearchLimits.DEFAULT;
  private MeterRegistry meterRegistry = new SimpleMeterRegistry();

  QueryApiBuilder(List<TraceFinder> finders) {
    this.finders = List.copyOf(requireNonNull(finders, "finders"));
    if (this.finders.isEmpty()) {
      throw new IllegalArgumentException("finders: [] (expected: at least one)");
    }
  }

  /** How requests map to tenants; if unset, defaults to {@link Tenancy#SINGLE}. */
  public QueryApiBuilder tenancy(Tenancy tenancy) {
    this.tenancy = requireNonNull(tenancy, "tenancy");
    return this;
  }

  /**
   * The largest trace returned whole, per tenant (0: unlimited); if unset, defaults to {@link
   * #DEFAULT_MAX_BYTES_PER_TRACE}.
   */
  public QueryApiBuilder maxBytesPerTrace(ToLongFunction<String> maxBytesPerTrace) {
    this.maxBytesPerTrace = requireNonNull(maxBytesPerTrace, "maxBytesPerTrace");
    return this;
  }

  /**
   * Tempo's {@code max_bytes_per_tag_values_query} per tenant (0: unlimited): the tag routes stop
   * collecting names or values before they would take more bytes, and answer with what fitted; if
   * unset, defaults to {@link #DEFAULT_MAX_BYTES_PER_TAG_VALUES_QUERY}.
   */
  public QueryApiBuilder maxBytesPerTagValuesQuery(
      ToLongFunction<String> maxBytesPerTagValuesQuery) {
    this.maxBytesPerTagValuesQuery =
        requireNonNull(maxBytesPerTagValuesQuery, "maxBytesPerTagValuesQuery");
    return this;
  }

  /** What {@code /api/status/buildinfo} reports; if unset, a development build. */
  public QueryApiBuilder buildInfo(BuildInfo buildInfo) {
    this.buildInfo = requireNonNull(buildInfo, "buildInfo");
    return this;
  }

  /**
   * Tempo's {@code http_api_prefix}, put before every route; if unset, defaults to none. It must
   * start with '/' and not end with one.
   */
  public QueryApiBuilder prefix(String prefix) {
    requireNonNull(prefix, "prefix");
    if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
      throw new IllegalArgumentException(
          "prefix: " + prefix + " (expected: empty, or starting and not ending with '/')");
    }
    this.prefix = prefix;
    return this;
  }

  /**
   * The engine that searches the tiers, for the search and tag routes; if unset, those routes are
   * not served.
   */
  public QueryApiBuilder search(SearchEngine engine) {
    this.searchEngine = requireNonNull(engine, "engine");
    return this;
  }

  /**
   * The limits of {@code GET /api/search}, whose query timeout bounds the tag routes too; if unset,
   * defaults to {@link SearchLimits#DEFAULT}.
   */
  public QueryApiBuilder searchLimits(SearchLimits limits) {
    this.searchLimits = requireNonNull(limits, "limits");
    return this;
  }

  /** Where the API's meters go; if unset, a registry nobody reads. */
  public QueryApiBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  /** Returns a new {@link QueryApi}. */
  public QueryApi build() {
    SearchService search =
        searchEngine == null
            ? null
            : new SearchService(tenancy, searchEngine, searchLimits, meterRegistry);
    TagService tags =
        searchEngine == null
            ? null
            : new TagService(
                tenancy,
                searchEngine,
                prefix,
                searchLimits.queryTimeout(),
                maxBytesPerTagValuesQuery);
    return new QueryApi(finders, tenancy, maxBytesPerTrace, buildInfo, prefix, tags, search);
  }
}
