package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.tempopb.MetadataMetrics;
import dev.vivace.tempopb.SearchTagValuesResponse;
import dev.vivace.tempopb.SearchTagsV2Response;
import dev.vivace.tempopb.SearchTagsV2Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcTagResponsesTest {

  static final MetadataMetrics METRICS = MetadataMetrics.newBuilder().setInspectedBytes(7).build();

  @Test
  void anEmptyAnswerIsOneMessageWithItsMetrics() {
    List<SearchTagValuesResponse> out =
        GrpcTagResponses.split(
            SearchTagValuesResponse.newBuilder().setMetrics(METRICS).build(), 100);

    assertThat(out)
        .containsExactly(SearchTagValuesResponse.newBuilder().setMetrics(METRICS).build());
  }

  @Test
  void messagesStayWithinTheLimitAndAValueLargerThanAnyIsLeftOut() {
    SearchTagValuesResponse answer =
        SearchTagValuesResponse.newBuilder()
            .addAllTagValues(
                List.of("a".repeat(20), "b".repeat(20), "c".repeat(200), "d".repeat(20)))
            .setMetrics(METRICS)
            .build();

    List<SearchTagValuesResponse> out = GrpcTagResponses.split(answer, 50);

    assertThat(out).allSatisfy(m -> assertThat(m.getSerializedSize()).isLessThanOrEqualTo(50));
    assertThat(out).allSatisfy(m -> assertThat(m.getMetrics()).isEqualTo(METRICS));
    assertThat(out.stream().flatMap(m -> m.getTagValuesList().stream()))
        .containsExactly("a".repeat(20), "b".repeat(20), "d".repeat(20));
  }

  @Test
  void aScopeTooLargeForOneMessageIsSpreadOverSeveral() {
    SearchTagsV2Response answer =
        SearchTagsV2Response.newBuilder()
            .addScopes(SearchTagsV2Scope.newBuilder().setName("span").addTags("s1").addTags("s2"))
            .addScopes(
                SearchTagsV2Scope.newBuilder()
                    .setName("resource")
                    .addTags("r".repeat(30))
                    .addTags("q".repeat(30))
                    .addTags("p".repeat(30)))
            .setMetrics(METRICS)
            .build();

    List<SearchTagsV2Response> out = GrpcTagResponses.split(answer, 60);

    assertThat(out).allSatisfy(m -> assertThat(m.getSerializedSize()).isLessThanOrEqualTo(60));
    assertThat(out.stream().flatMap(m -> m.getScopesList().stream()))
        .allSatisfy(s -> assertThat(s.getTagsList()).isNotEmpty());
    assertThat(
            out.stream()
                .flatMap(m -> m.getScopesList().stream())
                .filter(s -> s.getName().equals("resource"))
                .flatMap(s -> s.getTagsList().stream()))
        .containsExactly("r".repeat(30), "q".repeat(30), "p".repeat(30));
    assertThat(out.get(0).getScopes(0).getTagsList()).containsExactly("s1", "s2");
  }
}
