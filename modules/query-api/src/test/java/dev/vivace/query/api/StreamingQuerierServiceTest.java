package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchSink;
import dev.vivace.search.ServiceStats;
import dev.vivace.search.SpanAttribute;
import dev.vivace.search.SpanMatch;
import dev.vivace.search.SpansetMatch;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.search.TraceMatch;
import dev.vivace.search.TraceSearcher;
import dev.vivace.tempopb.SearchRequest;
import dev.vivace.tempopb.SearchResponse;
import dev.vivace.tempopb.SearchTagValuesRequest;
import dev.vivace.tempopb.SearchTagsRequest;
import dev.vivace.tempopb.SearchTagsV2Response;
import dev.vivace.tempopb.SearchTagsV2Scope;
import dev.vivace.tempopb.TagValue;
import dev.vivace.tempopb.TraceSearchMetadata;
import dev.vivace.tenant.Tenancy;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tempopb.StreamingQuerier} as grpc-java sees it, over a real Armeria server and a search
 * engine whose tier the test scripts.
 */
class StreamingQuerierServiceTest {

  static final long START = 1_700_000_000_000_000_000L;
  static final ExecutorService executor = Executors.newCachedThreadPool();

  /** What the tier does when searched; each test sets its own. */
  static volatile Consumer<SearchSink> script = sink -> {};

  static final List<String> searchedTenants = new CopyOnWriteArrayList<>();

  static final TraceSearcher tier =
      (tenant, request, sink) -> {
        searchedTenants.add(tenant);
        script.accept(sink);
      };

  static final TagSearcher tags =
      new TagSearcher() {
        @Override
        public void tagNames(String tenant, TagRequest request, TagSink sink) {
          sink.inspectedBytes(10);
          for (AttributeScope scope : request.scopes()) {
            sink.addName(scope, scope.keyword() + ".attr");
          }
          if (request.scopes().contains(AttributeScope.RESOURCE)) {
            sink.addName(AttributeScope.RESOURCE, "service.name");
          }
        }

        @Override
        public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
          sink.inspectedBytes(20);
          if (request.tag().equals(new Attribute(AttributeScope.SPAN, false, "http.status_code"))) {
            sink.addValue(new Static.IntValue(200));
            sink.addValue(new Static.IntValue(503));
          } else {
            sink.addValue(new Static.StringValue("checkout"));
            sink.addValue(new Static.StringValue("frontend"));
          }
        }
      };

  static final SearchEngine engine = new SearchEngine(List.of(tier), List.of(tags), executor);

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          StreamingQuerierService.builder(engine).build().addTo(sb);
        }
      };

  @RegisterExtension
  static final ServerExtension multiTenant =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          StreamingQuerierService.builder(engine).tenancy(Tenancy.MULTI).build().addTo(sb);
        }
      };

  static StreamingClient client;
  static StreamingClient multiTenantClient;

  @BeforeAll
  static void connect() {
    client = new StreamingClient(server.httpPort());
    multiTenantClient = new StreamingClient(multiTenant.httpPort());
  }

  @AfterAll
  static void disconnect() throws InterruptedException {
    client.close();
    multiTenantClient.close();
    executor.shutdownNow();
  }

  @BeforeEach
  void reset() {
    script = sink -> {};
    searchedTenants.clear();
  }

  static TraceMatch trace(int id, long start, List<SpanMatch> spans) {
    return new TraceMatch(
        TraceId.parse(Integer.toHexString(id)),
        "frontend",
        "GET /",
        start,
        start + 2_500_000,
        List.of(new SpansetMatch(spans, spans.size(), List.of())),
        Map.of("frontend", new ServiceStats(spans.size(), 0)));
  }

  static SpanMatch span(String id, String attributeValue) {
    return new SpanMatch(
        id,
        null,
        START,
        1000,
        List.of(new SpanAttribute("service.name", new Static.StringValue(attributeValue))));
  }

  static SearchRequest query(String q, int limit) {
    return SearchRequest.newBuilder().setQuery(q).setLimit(limit).build();
  }

  static List<SearchResponse> search(SearchRequest request) {
    return client.call(null, StreamingClient.SEARCH, request);
  }

  static StatusRuntimeException refused(StreamingClient c, String tenant, SearchRequest request) {
    return c.refused(tenant, StreamingClient.SEARCH, request);
  }

  @Test
  void grafanaHealthCheckEndsCleanlyWithAMessage() {
    long now = System.currentTimeMillis() / 1000;
    SearchRequest health =
        SearchRequest.newBuilder()
            .setQuery("{}")
            .setStart((int) (now - 900))
            .setEnd((int) now)
            .setLimit(1)
            .build();

    Iterator<SearchResponse> it = client.stream(StreamingClient.SEARCH, health);

    assertThat(it.hasNext()).isTrue();
    SearchResponse first = it.next();
    assertThat(first.getTracesList()).isEmpty();
    assertThat(first.hasMetrics()).isTrue();
    List<SearchResponse> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);
    assertThat(rest).allSatisfy(r -> assertThat(r.getTracesList()).isEmpty());

    // With data, the single trace asked for arrives.
    script = sink -> sink.offer(trace(1, START, List.of(span("0000000000000001", "frontend"))));
    List<SearchResponse> withData = search(health);
    assertThat(withData.stream().mapToInt(SearchResponse::getTracesCount).sum()).isEqualTo(1);
  }

  @Test
  void streamsTracesAsTheyArriveThenTheFinalCounters() {
    // The tier offers one trace (or fragment) at a time and waits until the client has received it,
    // so each must come in a message of its own, before the search ends.
    Semaphore delivered = new Semaphore(0);
    List<TraceMatch> offers =
        List.of(
            trace(0xa, START, List.of(span("00000000000000a1", "frontend"))),
            trace(0xb, START + 1, List.of(span("00000000000000b1", "frontend"))),
            trace(0xa, START, List.of(span("00000000000000a2", "frontend"))));
    AtomicBoolean waitedInVain = new AtomicBoolean();
    script =
        sink -> {
          sink.metrics().jobsPlanned(offers.size());
          for (TraceMatch offer : offers) {
            sink.offer(offer);
            sink.metrics().inspected(1, 1, 100);
            sink.metrics().jobCompleted();
            try {
              if (!delivered.tryAcquire(10, TimeUnit.SECONDS)) {
                waitedInVain.set(true);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        };

    List<SearchResponse> messages = new ArrayList<>();
    Iterator<SearchResponse> it = client.stream(StreamingClient.SEARCH, query("{}", 20));
    while (it.hasNext()) {
      SearchResponse message = it.next();
      messages.add(message);
      if (message.getTracesCount() > 0) {
        delivered.release();
      }
    }

    assertThat(waitedInVain).isFalse();
    List<SearchResponse> withTraces =
        messages.stream().filter(m -> m.getTracesCount() > 0).toList();
    assertThat(withTraces).hasSize(3);
    assertThat(withTraces.get(0).getTracesList())
        .extracting(TraceSearchMetadata::getTraceID)
        .containsExactly("a");
    assertThat(withTraces.get(1).getTracesList())
        .extracting(TraceSearchMetadata::getTraceID)
        .containsExactly("b");
    // Only what changed: trace a again, now with both of its spans.
    TraceSearchMetadata changed = withTraces.get(2).getTraces(0);
    assertThat(changed.getTraceID()).isEqualTo("a");
    assertThat(changed.getSpanSets(0).getSpansList())
        .extracting(dev.vivace.tempopb.Span::getSpanID)
        .containsExactly("00000000000000a1", "00000000000000a2");
    assertThat(changed.getSpanSets(0).getMatched()).isEqualTo(2);
    // Counters grow from message to message; the last message has them complete.
    SearchResponse last = messages.get(messages.size() - 1);
    assertThat(last.getTracesList()).isEmpty();
    assertThat(last.getMetrics().getCompletedJobs()).isEqualTo(3);
    assertThat(last.getMetrics().getTotalJobs()).isEqualTo(3);
    assertThat(last.getMetrics().getInspectedTraces()).isEqualTo(3);
    assertThat(last.getMetrics().getInspectedBytes()).isEqualTo(300);
    assertThat(withTraces.get(0).getMetrics().getCompletedJobs()).isLessThan(3);
  }

  @Test
  void rendersTracesAsTempoDoes() {
    script =
        sink ->
            sink.offer(
                new TraceMatch(
                    TraceId.parse("00000000000000000000000000000abc"),
                    null,
                    null,
                    START,
                    START + 1_999_999,
                    List.of(
                        new SpansetMatch(
                            List.of(
                                new SpanMatch(
                                    "00000000000000a1",
                                    "GET /cart",
                                    START,
                                    1_999_999,
                                    List.of(
                                        new SpanAttribute(
                                            "status",
                                            new Static.StatusValue(Static.StatusCode.ERROR)),
                                        new SpanAttribute(
                                            "duration", new Static.DurationValue(1_500_000))))),
                            5,
                            List.of())),
                    Map.of("cart", new ServiceStats(5, 1))));

    TraceSearchMetadata t =
        search(query("{ status = error }", 20)).stream()
            .flatMap(m -> m.getTracesList().stream())
            .findFirst()
            .orElseThrow();

    assertThat(t.getTraceID()).isEqualTo("abc");
    assertThat(t.getRootServiceName()).isEqualTo("<root span not yet received>");
    assertThat(t.getRootTraceName()).isEmpty();
    assertThat(t.getStartTimeUnixNano()).isEqualTo(START);
    assertThat(t.getDurationMs()).isEqualTo(1);
    assertThat(t.getSpanSet()).isEqualTo(t.getSpanSets(0));
    assertThat(t.getSpanSets(0).getMatched()).isEqualTo(5);
    dev.vivace.tempopb.Span s = t.getSpanSets(0).getSpans(0);
    assertThat(s.getName()).isEqualTo("GET /cart");
    // The span's duration has a field of its own; Tempo does not repeat it as an attribute.
    assertThat(s.getAttributesList())
        .singleElement()
        .satisfies(a -> assertThat(a.getValue().getStringValue()).isEqualTo("error"));
    assertThat(s.getDurationNanos()).isEqualTo(1_999_999);
    assertThat(t.getServiceStatsMap().get("cart").getErrorCount()).isEqualTo(1);
  }

  @Test
  void largeResultsAreSplitUnderTheClientsFourMebibyteLimit() {
    String big = "x".repeat(40_000);
    int count = 300;
    List<TraceMatch> traces = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      traces.add(trace(i, START + i, List.of(span(String.format("%016x", i), big))));
    }
    // One trace larger than a whole message: it keeps as many spans as fit.
    List<SpanMatch> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      many.add(span(String.format("%016x", 0x10000 + i), big));
    }
    traces.add(trace(0xffff, START, many));
    script = sink -> traces.forEach(sink::offer);

    SearchRequest request =
        SearchRequest.newBuilder()
            .setQuery("{}")
            .setLimit(count + 1)
            .setSpansPerSpanSet(100)
            .build();
    List<SearchResponse> messages = search(request);

    assertThat(messages.size()).isGreaterThan(5);
    assertThat(messages)
        .allSatisfy(m -> assertThat(m.getSerializedSize()).isLessThan(4 * 1024 * 1024));
    Map<String, Integer> seen = new HashMap<>();
    messages.forEach(
        m -> m.getTracesList().forEach(t -> seen.merge(t.getTraceID(), 1, Integer::sum)));
    assertThat(seen).hasSize(count + 1);
    assertThat(seen.values()).containsOnly(1);
    TraceSearchMetadata cut =
        messages.stream()
            .flatMap(m -> m.getTracesList().stream())
            .filter(t -> t.getTraceID().equals("ffff"))
            .findFirst()
            .orElseThrow();
    assertThat(cut.getSpanSets(0).getSpansCount()).isBetween(1, 149);
    assertThat(cut.getSpanSets(0).getMatched()).isEqualTo(150);
  }

  @Test
  void dataThatCouldNotBeSearchedEndsTheCallWithInternalAfterWhatWasFound() {
    script =
        sink -> {
          sink.offer(trace(5, START, List.of(span("0000000000000005", "frontend"))));
          sink.failure("block 3f0c0a4e-0000-4000-8000-000000000001: corrupt footer");
        };
    List<SearchResponse> received = new ArrayList<>();
    Iterator<SearchResponse> it = client.stream(StreamingClient.SEARCH, query("{}", 20));

    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> it.forEachRemaining(received::add));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            "search incomplete, some data could not be read:"
                + " block 3f0c0a4e-0000-4000-8000-000000000001: corrupt footer");
    assertThat(received.stream().flatMap(m -> m.getTracesList().stream()))
        .extracting(TraceSearchMetadata::getTraceID)
        .containsExactly("5");
  }

  @Test
  void aSearchOutOfTimeWithNothingFoundIsDeadlineExceeded() throws Exception {
    script = StreamingQuerierServiceTest::waitUntilDone;
    SearchLimits quick = limitsWithTimeout(Duration.ofMillis(300));
    ServerExtension impatient =
        new ServerExtension() {
          @Override
          protected void configure(ServerBuilder sb) {
            StreamingQuerierService.builder(engine).searchLimits(quick).build().addTo(sb);
          }
        };
    impatient.start();
    try (StreamingClient c = new StreamingClient(impatient.httpPort())) {
      // The client would wait 20 s: the status is the server's.
      StatusRuntimeException e = refused(c, null, query("{}", 20));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(e.getStatus().getDescription()).isEqualTo("search timed out after 300ms");
    } finally {
      impatient.stop();
    }
  }

  @Test
  void aSearchOutOfTimeAfterFindingTracesEndsOkMarkedPartial() throws Exception {
    script =
        sink -> {
          sink.metrics().jobsPlanned(1);
          sink.offer(trace(0xc, START, List.of(span("00000000000000c1", "frontend"))));
          waitUntilDone(sink);
          sink.metrics().jobCompleted();
        };
    ServerExtension impatient =
        new ServerExtension() {
          @Override
          protected void configure(ServerBuilder sb) {
            StreamingQuerierService.builder(engine)
                .searchLimits(limitsWithTimeout(Duration.ofMillis(300)))
                .build()
                .addTo(sb);
          }
        };
    impatient.start();
    try (StreamingClient c = new StreamingClient(impatient.httpPort())) {
      AtomicReference<Metadata> trailers = new AtomicReference<>();
      List<SearchResponse> messages = searchKeepingTrailers(c, query("{}", 20), trailers);

      assertThat(messages.stream().flatMap(m -> m.getTracesList().stream()))
          .extracting(TraceSearchMetadata::getTraceID)
          .containsExactly("c");
      assertThat(
              trailers
                  .get()
                  .get(
                      Metadata.Key.of("x-vivace-search-partial", Metadata.ASCII_STRING_MARSHALLER)))
          .isEqualTo("search timed out after 300ms");
      // Tempo's progress counters: the last message does not claim every job done.
      dev.vivace.tempopb.SearchMetrics last = messages.get(messages.size() - 1).getMetrics();
      assertThat(last.getCompletedJobs()).isLessThan(last.getTotalJobs());
    } finally {
      impatient.stop();
    }

    // A search that finishes in time has neither the mark nor unfinished jobs.
    script =
        sink -> {
          sink.metrics().jobsPlanned(1);
          sink.offer(trace(0xd, START, List.of(span("00000000000000d1", "frontend"))));
          sink.metrics().jobCompleted();
        };
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    List<SearchResponse> messages = searchKeepingTrailers(client, query("{}", 20), trailers);
    assertThat(trailers.get().containsKey(PARTIAL)).isFalse();
    dev.vivace.tempopb.SearchMetrics last = messages.get(messages.size() - 1).getMetrics();
    assertThat(last.getCompletedJobs()).isEqualTo(1);
    assertThat(last.getTotalJobs()).isEqualTo(1);
  }

  /** Searches on until the search needs no more. */
  static void waitUntilDone(SearchSink sink) {
    waitUntilDone(sink::isDone);
  }

  /** Waits until {@code done}, or until interrupted. */
  static void waitUntilDone(java.util.function.BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static final Metadata.Key<String> PARTIAL =
      Metadata.Key.of("x-vivace-search-partial", Metadata.ASCII_STRING_MARSHALLER);

  /** Every message of a search through {@code c}; the call's trailers go to {@code trailers}. */
  static List<SearchResponse> searchKeepingTrailers(
      StreamingClient c, SearchRequest request, AtomicReference<Metadata> trailers) {
    Channel capturing =
        ClientInterceptors.intercept(
            c.channel(null),
            MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers));
    List<SearchResponse> messages = new ArrayList<>();
    ClientCalls.blockingServerStreamingCall(
            capturing, StreamingClient.SEARCH, StreamingClient.options(), request)
        .forEachRemaining(messages::add);
    return messages;
  }

  static SearchLimits limitsWithTimeout(Duration timeout) {
    return new SearchLimits(
        SearchLimits.DEFAULT_RESULT_LIMIT,
        SearchLimits.DEFAULT_MAX_RESULT_LIMIT,
        SearchLimits.DEFAULT_MAX_DURATION,
        SearchLimits.DEFAULT_SPANS_PER_SPAN_SET,
        SearchLimits.DEFAULT_MAX_SPANS_PER_SPAN_SET,
        dev.vivace.traceql.TraceQL.MAX_QUERY_BYTES,
        timeout);
  }

  @Test
  void clientCancellingStopsTheSearch() throws Exception {
    AtomicBoolean stopped = new AtomicBoolean();
    Semaphore started = new Semaphore(0);
    script =
        sink -> {
          started.release();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
          while (!sink.isDone() && System.nanoTime() < deadline) {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              break;
            }
          }
          stopped.set(sink.isDone());
        };
    Context.CancellableContext call = Context.current().withCancellation();
    Iterator<SearchResponse> it =
        call.call(() -> client.stream(StreamingClient.SEARCH, query("{}", 20)));
    assertThat(started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    call.cancel(null);

    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> it.forEachRemaining(m -> {}));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED);
    await().atMost(Duration.ofSeconds(10)).untilTrue(stopped);
  }

  @Test
  void gzipRequestsAreRead() {
    script = sink -> sink.offer(trace(7, START, List.of(span("0000000000000007", "frontend"))));

    List<SearchResponse> messages =
        client.call(
            null,
            StreamingClient.SEARCH,
            StreamingClient.options().withCompression("gzip"),
            query("{ resource.service.name = \"frontend\" }", 20));

    assertThat(messages.stream().flatMap(m -> m.getTracesList().stream()))
        .extracting(TraceSearchMetadata::getTraceID)
        .containsExactly("7");
  }

  @Test
  void badRequestsAreInvalidArgumentWithTempoMessages() {
    StatusRuntimeException parse = refused(client, null, query("{ .a = }", 20));
    assertThat(parse.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(parse.getStatus().getDescription()).startsWith("invalid TraceQL query: parse error");

    StatusRuntimeException unsupported = refused(client, null, query("{ name =~ .pattern }", 20));
    assertThat(unsupported.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(unsupported.getStatus().getDescription())
        .isEqualTo(
            "unsupported TraceQL construct: =~ with a right operand that is not a string literal");

    StatusRuntimeException limit = refused(client, null, query("{}", 300_000));
    assertThat(limit.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(limit.getStatus().getDescription())
        .isEqualTo("limit 300000 exceeds max limit 262144");

    StatusRuntimeException range =
        refused(client, null, query("{}", 20).toBuilder().setStart(2000).setEnd(1000).build());
    assertThat(range.getStatus().getDescription())
        .isEqualTo("http parameter start must be before end. received start=2000 end=1000");

    StatusRuntimeException tooLong =
        refused(client, null, query("{}", 20).toBuilder().setStart(1).setEnd(700_000).build());
    assertThat(tooLong.getStatus().getDescription())
        .isEqualTo(
            "range specified by start and end exceeds 168h0m0s. received start=1 end=700000");

    StatusRuntimeException spss =
        refused(client, null, query("{}", 20).toBuilder().setSpansPerSpanSet(101).build());
    assertThat(spss.getStatus().getDescription())
        .isEqualTo("spans per span set exceeds 100. received 101");

    // Tempo re-encodes the request as /api/search parameters, so the same checks apply.
    StatusRuntimeException tagsAndQuery =
        refused(client, null, query("{}", 20).toBuilder().putTags("service.name", "a b").build());
    assertThat(tagsAndQuery.getStatus().getDescription())
        .isEqualTo("invalid request: can't specify tags and q in the same query");
    StatusRuntimeException durations =
        refused(
            client,
            null,
            SearchRequest.newBuilder().setMinDurationMs(200).setMaxDurationMs(100).build());
    assertThat(durations.getStatus().getDescription())
        .isEqualTo("invalid maxDuration: must be greater than minDuration");
    assertThat(searchedTenants).isEmpty();

    // A legacy tag search (quotes and spaces survive the re-encoding) runs.
    client.call(
        null,
        StreamingClient.SEARCH,
        SearchRequest.newBuilder().putTags("http.url", "/a \"b\"").setMinDurationMs(5).build());
    assertThat(searchedTenants).containsExactly("single-tenant");
  }

  @Test
  void multiTenantNeedsTheOrgIdAndSearchesEveryTenantNamed() {
    StatusRuntimeException missing = refused(multiTenantClient, null, query("{}", 20));
    assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(missing.getStatus().getDescription()).isEqualTo("no org id");

    StatusRuntimeException invalid = refused(multiTenantClient, "a#b", query("{}", 20));
    assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(invalid.getStatus().getDescription())
        .isEqualTo("tenant ID 'a#b' contains unsupported character '#'");

    multiTenantClient.call("team-a|team-b", StreamingClient.SEARCH, query("{}", 20));
    assertThat(searchedTenants).containsExactly("team-a", "team-b");

    // Single-tenant mode ignores the header.
    searchedTenants.clear();
    client.call("whoever", StreamingClient.SEARCH, query("{}", 20));
    assertThat(searchedTenants).containsExactly("single-tenant");
  }

  @Test
  void tagNamesV1AndV2() {
    List<String> v1 =
        client.call(null, StreamingClient.TAGS, SearchTagsRequest.getDefaultInstance()).stream()
            .flatMap(r -> r.getTagNamesList().stream())
            .toList();
    assertThat(v1).containsExactly("resource.attr", "service.name", "span.attr");

    List<SearchTagsV2Response> v2 =
        client.call(null, StreamingClient.TAGS_V2, SearchTagsRequest.getDefaultInstance());
    assertThat(v2).hasSize(1);
    Map<String, List<String>> scopes = new HashMap<>();
    for (SearchTagsV2Scope scope : v2.get(0).getScopesList()) {
      scopes.put(scope.getName(), scope.getTagsList());
    }
    assertThat(scopes)
        .containsOnlyKeys("resource", "span", "event", "link", "instrumentation", "intrinsic");
    assertThat(scopes.get("resource")).containsExactly("resource.attr", "service.name");
    assertThat(scopes.get("intrinsic")).contains("duration", "span:status", "traceDuration");
    assertThat(v2.get(0).getMetrics().getInspectedBytes()).isEqualTo(10);

    List<SearchTagsV2Response> spanOnly =
        client.call(
            null, StreamingClient.TAGS_V2, SearchTagsRequest.newBuilder().setScope("span").build());
    assertThat(spanOnly.get(0).getScopesList())
        .extracting(SearchTagsV2Scope::getName)
        .containsExactly("span");

    StatusRuntimeException bad =
        client.refused(
            null, StreamingClient.TAGS_V2, SearchTagsRequest.newBuilder().setScope("spam").build());
    assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(bad.getStatus().getDescription()).isEqualTo("invalid scope: spam");
  }

  @Test
  void tagValuesV1AndV2WithTypes() {
    List<String> v1 =
        client
            .call(
                null,
                StreamingClient.VALUES,
                SearchTagValuesRequest.newBuilder().setTagName("service.name").build())
            .get(0)
            .getTagValuesList();
    assertThat(v1).containsExactly("checkout", "frontend");

    List<TagValue> ints =
        client
            .call(
                null,
                StreamingClient.VALUES_V2,
                SearchTagValuesRequest.newBuilder().setTagName("span.http.status_code").build())
            .get(0)
            .getTagValuesList();
    assertThat(ints)
        .extracting(TagValue::getType, TagValue::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("int", "200"),
            org.assertj.core.groups.Tuple.tuple("int", "503"));

    List<TagValue> status =
        client
            .call(
                null,
                StreamingClient.VALUES_V2,
                SearchTagValuesRequest.newBuilder().setTagName("status").build())
            .get(0)
            .getTagValuesList();
    assertThat(status).extracting(TagValue::getType).containsOnly("keyword");
    assertThat(status).extracting(TagValue::getValue).containsExactly("ok", "error", "unset");

    StatusRuntimeException bad =
        client.refused(
            null,
            StreamingClient.VALUES_V2,
            SearchTagValuesRequest.newBuilder().setTagName("service.name").build());
    assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(bad.getStatus().getDescription())
        .startsWith("please provide a valid tagName: failed to parse identifier service.name: ");
  }

  @Test
  void metricsAndUnknownMethodsAreUnimplemented() {
    StatusRuntimeException metrics =
        client.refused(
            null,
            StreamingClient.method(
                "MetricsQueryRange",
                SearchRequest.getDefaultInstance(),
                SearchResponse.getDefaultInstance()),
            SearchRequest.getDefaultInstance());
    assertThat(metrics.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(metrics.getStatus().getDescription())
        .isEqualTo(
            "TraceQL metrics queries are not supported:"
                + " tempopb.StreamingQuerier/MetricsQueryRange");
  }

  @Test
  void healthCheckIsServing() {
    io.grpc.MethodDescriptor<byte[], byte[]> check =
        io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("grpc.health.v1.Health/Check")
            .setRequestMarshaller(StreamingClient.BYTES)
            .setResponseMarshaller(StreamingClient.BYTES)
            .build();

    byte[] answer =
        ClientCalls.blockingUnaryCall(
            client.channel(null), check, StreamingClient.options(), new byte[0]);

    // HealthCheckResponse{status: SERVING}: field 1, varint 1.
    assertThat(answer).containsExactly(0x08, 0x01);
  }

  @Test
  void aFullSearchQueueIsResourceExhausted() throws Exception {
    SearchEngine full =
        new SearchEngine(
            List.of(tier),
            List.of(),
            task -> {
              throw new java.util.concurrent.RejectedExecutionException("queue full");
            });
    ServerExtension busy =
        new ServerExtension() {
          @Override
          protected void configure(ServerBuilder sb) {
            StreamingQuerierService.builder(full).build().addTo(sb);
          }
        };
    busy.start();
    try (StreamingClient c = new StreamingClient(busy.httpPort())) {
      StatusRuntimeException e = refused(c, null, query("{}", 20));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(e.getStatus().getDescription()).isEqualTo("job queue full");
    } finally {
      busy.stop();
    }
  }

  @Test
  void notServedUnlessAdded() throws Exception {
    ServerExtension bare =
        new ServerExtension() {
          @Override
          protected void configure(ServerBuilder sb) {
            sb.service(
                "/api/echo", (ctx, req) -> com.linecorp.armeria.common.HttpResponse.of("echo"));
          }
        };
    bare.start();
    try (StreamingClient c = new StreamingClient(bare.httpPort())) {
      StatusRuntimeException e = refused(c, null, query("{}", 1));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    } finally {
      bare.stop();
    }
    assertThat(Collections.unmodifiableList(searchedTenants)).isEmpty();
  }
}
