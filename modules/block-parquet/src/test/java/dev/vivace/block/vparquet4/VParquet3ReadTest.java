package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchResult;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.search.TraceMatch;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tempo's vParquet3 fixture block (spec §14.2) holds the same 134 traces as its vParquet4 one: read
 * by ID, searched and asked for tags, both give the same answers.
 */
class VParquet3ReadTest {

  static final String BLOCK =
      TempoFixtures.VPARQUET4_TENANT + "/" + TempoFixtures.VPARQUET4_BLOCK_ID + "/";

  private final ObjectStore v4Store = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
  private final ObjectStore v3Store =
      LocalObjectStore.of(
          TempoFixtures.vparquet4BackendRoot()
              .getParent()
              .getParent()
              .resolve(Path.of("vparquet3", "test-data")));
  private final BlockMeta v4Meta = BlockMetaJson.parse(v4Store.get(BLOCK + "meta.json"));
  private final BlockMeta v3Meta = BlockMetaJson.parse(v3Store.get(BLOCK + "meta.json"));
  private final VParquet4BlockReader v4 = VParquet4BlockReader.of(v4Store, v4Meta);
  private final VParquet4BlockReader v3 = VParquet4BlockReader.of(v3Store, v3Meta);

  @Test
  void everyTraceReadsAsFromTheVParquet4Block() {
    assertThat(v3Meta.version()).isEqualTo("vParquet3");
    assertThat(VParquet4BlockReader.isReadable("vParquet3")).isTrue();
    assertThat(VParquet4BlockReader.isReadable("vParquet2")).isFalse();
    List<FixtureTraces> traces = FixtureTraces.all();
    assertThat(traces).hasSize(134);
    int spans = 0;
    for (FixtureTraces t : traces) {
      List<ResourceSpans> want = v4.find(t.traceId()).fragments();
      List<ResourceSpans> got = v3.find(t.traceId()).fragments();
      assertThat(got).as(t.traceId().toHex()).isEqualTo(want);
      spans +=
          got.stream()
              .flatMap(rs -> rs.getScopeSpansList().stream())
              .mapToInt(ss -> ss.getSpansCount())
              .sum();
    }
    assertThat(spans).isEqualTo(traces.stream().mapToInt(FixtureTraces::spans).sum());
  }

  @Test
  void searchesAnswerAsOverTheVParquet4Block() {
    TimeRange window = FixtureSearchTest.WINDOW;
    SearchEngine engine3 =
        new SearchEngine(
            List.of((tenant, request, sink) -> v3.search(request, sink)), List.of(), Runnable::run);
    SearchEngine engine4 =
        new SearchEngine(
            List.of((tenant, request, sink) -> v4.search(request, sink)), List.of(), Runnable::run);
    List<String> queries = new ArrayList<>(FixtureSearchTest.QUERIES);
    queries.add("{ event:name != nil }");
    for (String q : queries) {
      SearchRequest request =
          new SearchRequest(TraceQuery.compile(TraceQL.parse(q)), window, 100_000, 0);
      SearchResult want = engine4.search(List.of("t"), request, Duration.ofMinutes(1), null);
      SearchResult got = engine3.search(List.of("t"), request, Duration.ofMinutes(1), null);
      assertThat(byId(got)).as(q).isEqualTo(byId(want));
      assertThat(got.metrics().inspectedBytes()).as(q).isPositive();
    }
  }

  @Test
  void tagNamesAndValuesAreThoseOfTheVParquet4Block() {
    Set<AttributeScope> scopes =
        EnumSet.of(
            AttributeScope.RESOURCE,
            AttributeScope.SPAN,
            AttributeScope.EVENT,
            AttributeScope.INSTRUMENTATION);
    TagRequest names = new TagRequest(scopes, null, FixtureSearchTest.WINDOW);
    TagResult want = tags(v4).tagNames(List.of("t"), names, 0, 0, Duration.ofMinutes(1));
    TagResult got = tags(v3).tagNames(List.of("t"), names, 0, 0, Duration.ofMinutes(1));
    for (AttributeScope scope : scopes) {
      assertThat(Set.copyOf(got.names().getOrDefault(scope, List.of())))
          .as(scope.toString())
          .isEqualTo(Set.copyOf(want.names().getOrDefault(scope, List.of())));
    }
    assertThat(got.names().get(AttributeScope.SPAN)).contains("http.method", "region");
    for (String tag :
        List.of("resource.service.name", "span.http.method", "span.region", "name", "status")) {
      TagValuesRequest values =
          new TagValuesRequest(TraceQL.parseIdentifier(tag), null, FixtureSearchTest.WINDOW);
      assertThat(
              Set.copyOf(
                  tags(v3).tagValues(List.of("t"), values, 0, 0, Duration.ofMinutes(1)).values()))
          .as(tag)
          .isNotEmpty()
          .isEqualTo(
              Set.copyOf(
                  tags(v4).tagValues(List.of("t"), values, 0, 0, Duration.ofMinutes(1)).values()));
    }
  }

  private static SearchEngine tags(VParquet4BlockReader reader) {
    return new SearchEngine(
        List.of(),
        List.of(
            new TagSearcher() {
              @Override
              public void tagNames(String tenant, TagRequest request, TagSink sink) {
                reader.tagNames(request, sink);
              }

              @Override
              public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
                reader.tagValues(request, sink);
              }
            }),
        Runnable::run);
  }

  private static Map<String, TraceMatch> byId(SearchResult result) {
    Map<String, TraceMatch> out = new HashMap<>();
    result.traces().forEach(m -> out.put(m.traceId().toHex(), m));
    return out;
  }
}
