package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
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
import dev.vivace.tempopb.SearchTagsV2Response;
import dev.vivace.tempopb.SearchTagsV2Scope;
import dev.vivace.tempopb.TagValue;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Static;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming querier's tag calls over a tier with more than 4 MiB of names and values, received
 * by grpc-java with its default 4 MiB message limit.
 */
class StreamingTagAnswersTest {

  static final int COUNT = 3000;
  static final int LENGTH = 2000;
  static final int GRPC_DEFAULT_LIMIT = 4 * 1024 * 1024;
  static final ExecutorService executor = Executors.newCachedThreadPool();

  /** {@code prefix} and a number, padded to {@link #LENGTH} characters. */
  static String big(String prefix, int i) {
    String head = prefix + i + "-";
    return head + "x".repeat(LENGTH - head.length());
  }

  static final TagSearcher huge =
      new TagSearcher() {
        @Override
        public void tagNames(String tenant, TagRequest request, TagSink sink) {
          sink.inspectedBytes(123);
          for (int i = 0; i < COUNT; i++) {
            for (AttributeScope scope : request.scopes()) {
              sink.addName(scope, big(scope.keyword(), i));
            }
          }
        }

        @Override
        public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
          sink.inspectedBytes(456);
          for (int i = 0; i < COUNT; i++) {
            sink.addValue(new Static.StringValue(big("v", i)));
          }
        }
      };

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          StreamingQuerierService.builder(new SearchEngine(List.of(), List.of(huge), executor))
              // max_bytes_per_tag_values_query: 0, no limit: the whole 6 MB answer.
              .maxBytesPerTagValuesQuery(tenant -> 0)
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
  static void disconnect() throws InterruptedException {
    client.close();
    executor.shutdownNow();
  }

  static void assertSplit(List<? extends Message> messages) {
    assertThat(messages.size()).isGreaterThan(1);
    assertThat(messages)
        .allSatisfy(m -> assertThat(m.getSerializedSize()).isLessThan(GRPC_DEFAULT_LIMIT));
  }

  @Test
  void valuesV1ComeInSeveralMessagesUnderFourMebibytes() {
    List<SearchTagValuesResponse> messages =
        client.call(
            null,
            StreamingClient.VALUES,
            SearchTagValuesRequest.newBuilder().setTagName("service.name").build());

    assertSplit(messages);
    List<String> values = new ArrayList<>();
    messages.forEach(m -> values.addAll(m.getTagValuesList()));
    assertThat(values).hasSize(COUNT).doesNotHaveDuplicates();
    assertThat(values.get(0)).isEqualTo(big("v", 0));
    assertThat(messages)
        .allSatisfy(m -> assertThat(m.getMetrics().getInspectedBytes()).isEqualTo(456));
  }

  @Test
  void valuesV2ComeInSeveralMessagesUnderFourMebibytes() {
    List<SearchTagValuesV2Response> messages =
        client.call(
            null,
            StreamingClient.VALUES_V2,
            SearchTagValuesRequest.newBuilder().setTagName("span.big").build());

    assertSplit(messages);
    List<TagValue> values = new ArrayList<>();
    messages.forEach(m -> values.addAll(m.getTagValuesList()));
    assertThat(values).hasSize(COUNT).doesNotHaveDuplicates();
    assertThat(values).extracting(TagValue::getType).containsOnly("string");
    assertThat(messages.get(messages.size() - 1).getMetrics().getInspectedBytes()).isEqualTo(456);
  }

  @Test
  void namesV1ComeInSeveralMessagesUnderFourMebibytes() {
    List<SearchTagsResponse> messages =
        client.call(null, StreamingClient.TAGS, SearchTagsRequest.getDefaultInstance());

    assertSplit(messages);
    List<String> names = new ArrayList<>();
    messages.forEach(m -> names.addAll(m.getTagNamesList()));
    // Resource and span names, sorted.
    assertThat(names).hasSize(2 * COUNT).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void namesV2SpreadAScopeOverSeveralMessagesUnderFourMebibytes() {
    List<SearchTagsV2Response> messages =
        client.call(null, StreamingClient.TAGS_V2, SearchTagsRequest.getDefaultInstance());

    assertSplit(messages);
    Map<String, List<String>> byScope = new HashMap<>();
    Map<String, Integer> messagesPerScope = new HashMap<>();
    for (SearchTagsV2Response m : messages) {
      for (SearchTagsV2Scope scope : m.getScopesList()) {
        byScope
            .computeIfAbsent(scope.getName(), s -> new ArrayList<>())
            .addAll(scope.getTagsList());
        messagesPerScope.merge(scope.getName(), 1, Integer::sum);
        assertThat(scope.getTagsList()).isNotEmpty();
      }
    }
    assertThat(byScope)
        .containsOnlyKeys("resource", "span", "event", "link", "instrumentation", "intrinsic");
    for (String scope : List.of("resource", "span", "event", "link", "instrumentation")) {
      assertThat(byScope.get(scope)).hasSize(COUNT).doesNotHaveDuplicates().isSorted();
    }
    assertThat(messagesPerScope.get("span")).isGreaterThan(1);
    assertThat(byScope.get("intrinsic")).contains("duration", "traceDuration");
  }
}
