package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsRequest;
import dev.vivace.tempopb.SearchTagsV2Response;
import dev.vivace.tempopb.TagValue;
import dev.vivace.tenant.Tenancy;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tag answers that ran out of the configured query timeout (300 ms here, not a fixed 30 s) or could
 * not read some data are marked as search answers are, over HTTP and gRPC.
 */
class IncompleteTagAnswersTest {

  static final ExecutorService executor = Executors.newCachedThreadPool();

  /**
   * Per tenant: {@code slow} finds one name or value and then searches on until time runs out,
   * {@code slow-empty} finds nothing before time runs out, {@code broken} cannot read a block,
   * {@code partial} finds something and cannot read a block.
   */
  static final TagSearcher tier =
      new TagSearcher() {
        @Override
        public void tagNames(String tenant, TagRequest request, TagSink sink) {
          if (tenant.equals("slow") || tenant.equals("partial")) {
            sink.addName(AttributeScope.SPAN, "found");
          }
          finish(tenant, sink);
        }

        @Override
        public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
          if (tenant.equals("slow") || tenant.equals("partial")) {
            sink.addValue(new Static.StringValue("found"));
          }
          finish(tenant, sink);
        }

        private void finish(String tenant, TagSink sink) {
          if (tenant.startsWith("slow")) {
            StreamingQuerierServiceTest.waitUntilDone(sink::isDone);
          } else {
            sink.failure("block 0a1b: corrupt");
          }
        }
      };

  static final SearchEngine engine = new SearchEngine(List.of(), List.of(tier), executor);
  static final SearchLimits QUICK =
      StreamingQuerierServiceTest.limitsWithTimeout(Duration.ofMillis(300));

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(SearchApiTest.NO_TRACES)
              .tenancy(Tenancy.MULTI)
              .search(engine)
              .searchLimits(QUICK)
              .build()
              .addTo(sb);
          StreamingQuerierService.builder(engine)
              .tenancy(Tenancy.MULTI)
              .searchLimits(QUICK)
              .build()
              .addTo(sb);
        }
      };

  static StreamingClient client;

  @BeforeAll
  static void connect() {
    client = new StreamingClient(server.httpPort());
  }

  @AfterAll
  static void shutDown() throws InterruptedException {
    client.close();
    executor.shutdownNow();
  }

  static AggregatedHttpResponse get(String path, String tenant) {
    return QueryApiTest.get(server, path, tenant, null);
  }

  @Test
  void httpAnswersOutOfTimeCarryTheHeaderOrAre504WhenEmpty() {
    for (String path :
        List.of(
            "/api/search/tags",
            "/api/v2/search/tags",
            "/api/search/tag/service.name/values",
            "/api/v2/search/tag/span.x/values")) {
      AggregatedHttpResponse slow = get(path, "slow");
      assertThat(slow.status().code()).as(path).isEqualTo(200);
      assertThat(slow.headers().get(PartialAnswers.HEADER))
          .as(path)
          .isEqualTo("search timed out after 300ms (querier.search.query_timeout)");
      assertThat(slow.contentUtf8()).as(path).contains("found");

      AggregatedHttpResponse empty = get(path, "slow-empty");
      assertThat(empty.status().code()).as(path).isEqualTo(504);
      assertThat(empty.contentUtf8())
          .as(path)
          .isEqualTo("search timed out after 300ms (querier.search.query_timeout)\n");
    }
  }

  @Test
  void httpAnswersMissingDataCarryTheHeaderOrAre503WhenEmpty() {
    AggregatedHttpResponse partial = get("/api/v2/search/tag/span.x/values", "partial");
    assertThat(partial.status().code()).isEqualTo(200);
    assertThat(partial.headers().get(PartialAnswers.HEADER))
        .isEqualTo("1 could not be searched: block 0a1b: corrupt");

    AggregatedHttpResponse broken = get("/api/v2/search/tags", "broken");
    assertThat(broken.status().code()).isEqualTo(503);
    assertThat(broken.contentUtf8())
        .isEqualTo(
            "search incomplete, matching names or values may be in data that could not be read:"
                + " 1 could not be searched: block 0a1b: corrupt\n");

    // Fixed lists read no data and are always complete.
    AggregatedHttpResponse fixed = get("/api/v2/search/tag/status/values", "broken");
    assertThat(fixed.status().code()).isEqualTo(200);
    assertThat(fixed.headers().get(PartialAnswers.HEADER)).isNull();
  }

  @Test
  void grpcAnswersOutOfTimeEndOkWithTheTrailerOrDeadlineExceededWhenEmpty() {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    List<SearchTagValuesV2Response> values = new ArrayList<>();
    ClientCalls.blockingServerStreamingCall(
            ClientInterceptors.intercept(
                client.channel("slow"),
                MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers)),
            StreamingClient.VALUES_V2,
            StreamingClient.options(),
            SearchTagValuesRequest.newBuilder().setTagName("span.x").build())
        .forEachRemaining(values::add);
    assertThat(values.stream().flatMap(m -> m.getTagValuesList().stream()))
        .extracting(TagValue::getValue)
        .containsExactly("found");
    assertThat(trailers.get().get(StreamingQuerierServiceTest.PARTIAL))
        .isEqualTo("search timed out after 300ms");

    StatusRuntimeException empty =
        client.refused(
            "slow-empty", StreamingClient.TAGS_V2, SearchTagsRequest.getDefaultInstance());
    assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(empty.getStatus().getDescription()).isEqualTo("search timed out after 300ms");

    StatusRuntimeException broken =
        client.refused("broken", StreamingClient.TAGS_V2, SearchTagsRequest.getDefaultInstance());
    assertThat(broken.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(broken.getStatus().getDescription())
        .isEqualTo("search incomplete, some data could not be read: block 0a1b: corrupt");

    List<SearchTagsV2Response> complete =
        client.call(
            "slow",
            StreamingClient.TAGS_V2,
            SearchTagsRequest.newBuilder().setScope("intrinsic").build());
    assertThat(complete.get(0).getScopes(0).getName()).isEqualTo("intrinsic");
  }
}
