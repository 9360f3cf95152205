package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.ServerBuilder;
import dev.vivace.query.TraceFinder;
import dev.vivace.tenant.Tenancy;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Tempo's query API routes, ready to be added to a server. Every route sits under the {@code
 * http_api_prefix}, as Tempo's {@code /api} routes do.
 */
public final class QueryApi {

  /**
   * How much longer than their time-out the search and tag routes may take, so that the service
   * always answers itself, with what it found, before the server's request timeout cuts it off.
   */
  private static final Duration ANSWER_MARGIN = Duration.ofSeconds(10);

  /** Returns a builder for an API that asks {@code finders}, in order, for trace fragments. */
  public static QueryApiBuilder builder(List<TraceFinder> finders) {
    return new QueryApiBuilder(finders);
  }

  private final String prefix;
  private final TraceByIdService traces;
  private final StatusService status;
  private final @Nullable TagService tags;
  private final @Nullable SearchService search;

  QueryApi(
      List<TraceFinder> finders,
      Tenancy tenancy,
      ToLongFunction<String> maxBytesPerTrace,
      BuildInfo buildInfo,
      String prefix,
      @Nullable TagService tags,
      @Nullable SearchService search) {
    this.prefix = requireNonNull(prefix, "prefix");
    this.traces = new TraceByIdService(tenancy, new TraceQueries(finders, maxBytesPerTrace));
    this.status = new StatusService(buildInfo);
    this.tags = tags;
    this.search = search;
  }

  /** Adds the API's routes to {@code sb}. Sets no port. */
  public void addTo(ServerBuilder sb) {
    QueryExceptionHandler errors = new QueryExceptionHandler();
    sb.annotatedService()
        .pathPrefix(prefix.isEmpty() ? "/" : prefix)
        .exceptionHandlers(errors)
        .build(traces);
    sb.annotatedService()
        .pathPrefix(prefix.isEmpty() ? "/" : prefix)
        .exceptionHandlers(errors)
        .build(status);
    if (tags != null) {
      sb.annotatedService()
          .pathPrefix(prefix.isEmpty() ? "/" : prefix)
          .exceptionHandlers(errors)
          .requestTimeout(tags.timeout().plus(ANSWER_MARGIN))
          .build(tags);
    }
    if (search != null) {
      sb.annotatedService()
          .pathPrefix(prefix.isEmpty() ? "/" : prefix)
          .exceptionHandlers(errors)
          .requestTimeout(search.timeout().plus(ANSWER_MARGIN))
          .build(search);
    }
  }
}
