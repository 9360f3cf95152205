package dev.vivace.block.list;

import static dev.vivace.block.list.BlockSearcherTest.NEW_START;
import static dev.vivace.block.list.BlockSearcherTest.OLD_START;
import static dev.vivace.block.list.BlockSearcherTest.SCOPES;
import static dev.vivace.block.list.BlockSearcherTest.TAGS;
import static dev.vivace.block.list.BlockSearcherTest.tagField;
import static dev.vivace.block.list.BlockSearcherTest.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.SearchData;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagMatcher;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.TraceQL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag searches with a filter ({@code q}) over stored blocks: they answer what matching each trace
 * answers, and read only the row groups, pages and columns the filter and the tag need.
 */
class FilteredTagSearchTest {

  static final List<String> FILTERS =
      List.of(
          "{ span.http.method = \"TRACE\" }",
          "{ resource.service.name = \"svc-1\" }",
          "{ .instance = \"i-3\" || rootServiceName = \"svc-2\" }",
          "{ kind = server && span.attr.int > 50 }",
          "{ event.exception.type = \"IOError\" }",
          "{ event:name = \"exception\" }",
          "{ link.link.kind = \"follows\" }",
          "{ span.nope = nil && status = error }",
          "{ span.http.method = \"DELETE\" }");

  @TempDir Path bucket;
  BlockSearcherTest.Counting store;
  final Map<String, Blocklist> tenants = new HashMap<>();
  final Map<String, List<List<BlockTrace>>> traces = new HashMap<>();
  BlockMeta big;

  @BeforeEach
  void writeBlocks() {
    LocalObjectStore local = LocalObjectStore.of(bucket);
    store = new BlockSearcherTest.Counting(local);
    VParquet4BlockWriter writer = BlockSearcherTest.writer(local, bucket, 200 * 1024);
    write(writer, "t", SearchData.traces(1, 60, OLD_START, 0));
    write(writer, "t", SearchData.traces(2, 300, NEW_START, 600));
    big =
        write(
            BlockSearcherTest.writer(local, bucket, 1024 * 1024),
            "big",
            SearchData.traces(3, 500, NEW_START, 2400));
  }

  private BlockMeta write(VParquet4BlockWriter writer, String tenant, List<BlockTrace> block) {
    BlockMeta meta = writer.write(tenant, UUID.randomUUID(), block);
    tenants.computeIfAbsent(tenant, t -> new Blocklist()).add(meta);
    traces.computeIfAbsent(tenant, t -> new ArrayList<>()).add(block);
    return meta;
  }

  private SearchEngine engine(String tenant) {
    return new SearchEngine(
        List.of(), List.of(new BlockSearcher(store, tenants.get(tenant))), Runnable::run);
  }

  private static SpanFilter filter(String q) {
    return SpanFilter.compile(TraceQL.parse(q));
  }

  private TagResult values(String tenant, String tag, String q) {
    return engine(tenant)
        .tagValues(
            List.of(tenant),
            new TagValuesRequest(tagField(tag), filter(q), window()),
            0,
            0,
            Duration.ofMinutes(1));
  }

  /** What matching each trace of the tenant offers: the reference answer. */
  private BlockSearcherTest.Collect reference(String tenant, String tag, String q) {
    BlockSearcherTest.Collect want = new BlockSearcherTest.Collect();
    FieldExpression field = tagField(tag);
    TagValuesRequest request = new TagValuesRequest(field, filter(q), window());
    for (List<BlockTrace> block : traces.get(tenant)) {
      for (BlockTrace t : block) {
        TagMatcher.values(request, t.traceId(), t.batches(), want);
      }
    }
    return want;
  }

  @Test
  void filteredTagValuesAreThoseOfTheMatchingSpans() {
    int nonEmpty = 0;
    for (String q : FILTERS) {
      for (String tag : TAGS) {
        TagResult got = values("t", tag, q);
        assertThat(got.failures()).isEmpty();
        assertThat(got.values())
            .as(tag + " " + q)
            .containsExactlyInAnyOrderElementsOf(reference("t", tag, q).values);
        nonEmpty += got.values().isEmpty() ? 0 : 1;
      }
    }
    assertThat(nonEmpty).isGreaterThan(FILTERS.size() * TAGS.size() / 3);
  }

  @Test
  void filteredTagNamesAreThoseOfTheMatchingSpans() {
    for (String q : FILTERS) {
      TagRequest request = new TagRequest(SCOPES, filter(q), window());
      BlockSearcherTest.Collect want = new BlockSearcherTest.Collect();
      for (List<BlockTrace> block : traces.get("t")) {
        for (BlockTrace t : block) {
          TagMatcher.names(request, t.traceId(), t.batches(), want);
        }
      }
      TagResult got = engine("t").tagNames(List.of("t"), request, 0, 0, Duration.ofMinutes(1));
      assertThat(got.failures()).isEmpty();
      for (AttributeScope scope : SCOPES) {
        assertThat(got.names().getOrDefault(scope, List.of()))
            .as(scope + " " + q)
            .containsExactlyInAnyOrderElementsOf(want.names.getOrDefault(scope, Set.of()));
      }
    }
  }

  @Test
  void aFilteredTagSearchReadsOnlyTheColumnsAndRowGroupsItNeeds() {
    assertThat(big.totalRecords()).isGreaterThanOrEqualTo(3);
    // A rare filter reads its row group alone, a common one every row group, but few and small
    // columns of each (not the generic attributes, which hold the padding).
    for (List<String> tagAndFilter :
        List.of(
            List.of("resource.region", "{ span.instance = \"rare\" }"),
            List.of("span.http.status_code", "{ span.http.method = \"TRACE\" }"),
            List.of("span.instance", "{ resource.region = \"eu\" }"),
            List.of("name", "{ span.instance = \"i-3\" && status = error }"))) {
      String tag = tagAndFilter.get(0);
      String q = tagAndFilter.get(1);
      store.bytes.set(0);
      TagResult got = values("big", tag, q);
      assertThat(got.values())
          .as(tag + " " + q)
          .isNotEmpty()
          .containsExactlyInAnyOrderElementsOf(reference("big", tag, q).values);
      assertThat(store.bytes.get()).as(tag + " " + q).isLessThan(big.size() / 10);
      assertThat(got.inspectedBytes()).isEqualTo(store.bytes.get());
    }
    store.bytes.set(0);
    TagRequest resourceNames =
        new TagRequest(
            Set.of(AttributeScope.RESOURCE), filter("{ span.instance = \"i-3\" }"), window());
    TagResult names =
        engine("big").tagNames(List.of("big"), resourceNames, 0, 0, Duration.ofMinutes(1));
    assertThat(names.names().get(AttributeScope.RESOURCE))
        .containsExactlyInAnyOrder("service.name", "region", "host.name", "process.pid");
    assertThat(store.bytes.get()).isLessThan(big.size() / 10);
  }
}
