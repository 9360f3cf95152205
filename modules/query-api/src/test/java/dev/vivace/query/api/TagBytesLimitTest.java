package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesResponse;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsRequest;
import dev.vivace.tempopb.SearchTagsResponse;
import dev.vivace.tempopb.TagValue;
import dev.vivace.tenant.Tenancy;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tempo's {@code max_bytes_per_tag_values_query}: collecting stops before the names or values would
 * take more bytes, and the answer is what fitted; 0 means no limit.
 */
class TagBytesLimitTest {

  static final ExecutorService executor = Executors.newCachedThreadPool();
  static final ObjectMapper mapper = new ObjectMapper();

  /** Ten names ({@code name-0001}...) and ten values ({@code value0001}...) of nine bytes each. */
  static final TagSearcher tier =
      new TagSearcher() {
        @Override
        public void tagNames(String tenant, TagRequest request, TagSink sink) {
          for (int i = 1; i <= 10; i++) {
            if (!sink.addName(AttributeScope.SPAN, String.format("name-%04d", i))) {
              return;
            }
          }
        }

        @Override
        public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
          for (int i = 1; i <= 10; i++) {
            if (!sink.addValue(new Static.StringValue(String.format("value%04d", i)))) {
              return;
            }
          }
        }
      };

  /** 35 bytes for every tenant but {@code unlimited}, which has 0. */
  static long maxBytes(String tenant) {
    return tenant.equals("unlimited") ? 0 : 35;
  }

  static final SearchEngine engine = new SearchEngine(List.of(), List.of(tier), executor);

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(SearchApiTest.NO_TRACES)
              .tenancy(Tenancy.MULTI)
              .search(engine)
              .maxBytesPerTagValuesQuery(TagBytesLimitTest::maxBytes)
              .build()
              .addTo(sb);
          StreamingQuerierService.builder(engine)
              .tenancy(Tenancy.MULTI)
              .maxBytesPerTagValuesQuery(TagBytesLimitTest::maxBytes)
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

  static JsonNode get(String path, String tenant) throws Exception {
    AggregatedHttpResponse res = QueryApiTest.get(server, path, tenant, null);
    assertThat(res.status().code()).as(path).isEqualTo(200);
    // Cut at the limit is not incomplete: Tempo answers what fitted, unmarked.
    assertThat(res.headers().get(PartialAnswers.HEADER)).as(path).isNull();
    return mapper.readTree(res.contentUtf8());
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.get("value").asText()));
    return out;
  }

  @Test
  void httpValuesV1CountTheirTextAndV2TheirTypeToo() throws Exception {
    // v1: 9 bytes each, three fit in 35 (a fourth would make 36).
    assertThat(texts(get("/api/search/tag/x/values", "t").get("tagValues")))
        .containsExactly("value0001", "value0002", "value0003");
    // v2: "string" and the value, 15 bytes each: two fit (a third would make 45).
    assertThat(texts(get("/api/v2/search/tag/span.x/values", "t").get("tagValues")))
        .containsExactly("value0001", "value0002");
    // 0 is no limit.
    assertThat(texts(get("/api/v2/search/tag/span.x/values", "unlimited").get("tagValues")))
        .hasSize(10);
    // Several tenants: the strictest limit.
    assertThat(texts(get("/api/search/tag/x/values", "unlimited|t").get("tagValues"))).hasSize(3);
  }

  @Test
  void httpNamesCountAgainstTheSameLimitAsInTempo() throws Exception {
    assertThat(texts(get("/api/search/tags?scope=span", "t").get("tagNames")))
        .containsExactly("name-0001", "name-0002", "name-0003");
    JsonNode v2 = get("/api/v2/search/tags?scope=span", "t").get("scopes").get(0);
    assertThat(texts(v2.get("tags"))).containsExactly("name-0001", "name-0002", "name-0003");
  }

  @Test
  void grpcValuesAndNamesStopAtTheLimitToo() {
    List<String> v1 = new ArrayList<>();
    client
        .call(
            "t",
            StreamingClient.VALUES,
            SearchTagValuesRequest.newBuilder().setTagName("x").build())
        .forEach(m -> v1.addAll(m.getTagValuesList()));
    assertThat(v1).containsExactly("value0001", "value0002", "value0003");

    List<TagValue> v2 = new ArrayList<>();
    client
        .call(
            "t",
            StreamingClient.VALUES_V2,
            SearchTagValuesRequest.newBuilder().setTagName("span.x").build())
        .forEach(m -> v2.addAll(m.getTagValuesList()));
    assertThat(v2).extracting(TagValue::getValue).containsExactly("value0001", "value0002");

    List<SearchTagValuesV2Response> unlimited =
        client.call(
            "unlimited",
            StreamingClient.VALUES_V2,
            SearchTagValuesRequest.newBuilder().setTagName("span.x").build());
    assertThat(unlimited.stream().mapToInt(SearchTagValuesV2Response::getTagValuesCount).sum())
        .isEqualTo(10);

    List<SearchTagsResponse> names =
        client.call(
            "t", StreamingClient.TAGS, SearchTagsRequest.newBuilder().setScope("span").build());
    assertThat(names.stream().flatMap(m -> m.getTagNamesList().stream()))
        .containsExactly("name-0001", "name-0002", "name-0003");
    assertThat(
            client
                .call(
                    "t",
                    StreamingClient.VALUES,
                    SearchTagValuesRequest.newBuilder().setTagName("x").build())
                .stream()
                .map(SearchTagValuesResponse::getTagValuesCount))
        .containsExactly(3);
  }
}
