package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchResult;
import dev.vivace.tempopb.SearchResponse;
import dev.vivace.tenant.Tenancy;
import dev.vivace.tenant.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/search}, as Tempo answers it: a {@code tempopb.SearchResponse} of the newest
 * matching traces, in JSON, or protobuf when {@code Accept} asks for it.
 *
 * <p>Tempo's response has no field for an incomplete answer, and Grafana refuses unknown fields, so
 * a search that ran out of time or could not read some data says so outside the body: the header
 * {@value #PARTIAL_HEADER} names what is missing, a warning is logged and {@code
 * vivace_query_searches_total{result="partial"|"timed_out"}} counts it. When such a search found
 * nothing at all, an empty 200 would claim that nothing matches, so it fails instead: 503 when data
 * could not be read, 504 when time ran out. A client that disconnects stops the search.
 */
final class SearchService {

  /** The response header that marks an incomplete answer and says why. */
  static final String PARTIAL_HEADER = PartialAnswers.HEADER;

  private static final Logger logger = LoggerFactory.getLogger(SearchService.class);

  private final Tenancy tenancy;
  private final SearchEngine engine;
  private final SearchLimits limits;
  private final Timer timer;
  private final Counter complete;
  private final Counter partial;
  private final Counter timedOut;

  SearchService(Tenancy tenancy, SearchEngine engine, SearchLimits limits, MeterRegistry meters) {
    this.tenancy = requireNonNull(tenancy, "tenancy");
    this.engine = requireNonNull(engine, "engine");
    this.limits = requireNonNull(limits, "limits");
    this.timer =
        Timer.builder("vivace_query_search_duration")
            .description("Time searches took, from the request's validation to the answer.")
            .register(meters);
    this.complete = outcome(meters, "complete");
    this.partial = outcome(meters, "partial");
    this.timedOut = outcome(meters, "timed_out");
  }

  private static Counter outcome(MeterRegistry meters, String result) {
    return Counter.builder("vivace_query_searches")
        .description(
            "Searches answered: complete, partial (some data could not be read) or timed_out"
                + " (querier.search.query_timeout passed first).")
        .tag("result", result)
        .register(meters);
  }

  /** How long a search may run. */
  Duration timeout() {
    return limits.queryTimeout();
  }

  @Get("/api/search")
  @Blocking
  public HttpResponse search(
      ServiceRequestContext ctx, QueryParams params, RequestHeaders headers) {
    List<String> tenants = tenancy.queryTenantsOf(headers.get(Tenants.ORG_ID_HEADER));
    SearchRequest request = SearchParams.parse(params, limits);
    long started = System.nanoTime();
    // A client that goes away stops the search: the tiers stop reading blocks.
    SearchResult result =
        engine.search(tenants, request, limits.queryTimeout(), null, ctx.whenRequestCancelling());
    timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);

    ResponseHeadersBuilder response = ResponseHeaders.builder(HttpStatus.OK);
    if (result.isPartial()) {
      String missing =
          PartialAnswers.describe(result.timedOut(), result.failures(), limits.queryTimeout());
      (result.timedOut() ? timedOut : partial).increment();
      logger.warn("Search for tenants {} is incomplete: {}", tenants, missing);
      if (result.traces().isEmpty()) {
        return PartialAnswers.nothingFound("traces", result.failures(), missing);
      }
      response.add(PARTIAL_HEADER, PartialAnswers.headerValue(missing));
    } else {
      complete.increment();
    }

    SearchResponse body = SearchResponses.of(result);
    if (TraceByIdService.wantsProtobuf(headers)) {
      response.contentType(TraceByIdService.PROTOBUF);
      return HttpResponse.of(response.build(), HttpData.wrap(body.toByteArray()));
    }
    response.contentType(MediaType.JSON);
    return HttpResponse.of(response.build(), HttpData.ofUtf8(TraceByIdService.print(body)));
  }
}
