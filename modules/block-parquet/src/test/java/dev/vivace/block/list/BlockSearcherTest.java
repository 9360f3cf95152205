package dev.vivace.block.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.SearchData;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.block.vparquet4.VParquet4BlockWriterBuilder;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchResult;
import dev.vivace.search.TagMatcher;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.search.TraceMatch;
import dev.vivace.search.TraceMatcher;
import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search over stored blocks answers what matching each trace read by ID answers. */
class BlockSearcherTest {

  static final String TENANT = "t";
  static final long OLD_START = 1_700_000_000_000_000_000L;
  static final long NEW_START = OLD_START + 3_600_000_000_000L;

  static final List<String> QUERIES =
      List.of(
          "{ }",
          "{ resource.service.name = \"svc-1\" }",
          "{ span.http.method = \"POST\" && status = error }",
          "{ .attr.int > 90 }",
          "{ span.attr.double < 0.2 }",
          "{ span.attr.flag = true && kind = server }",
          "{ name =~ \"op-[12]\" }",
          "{ span.instance = \"i-3\" }",
          "{ resource.region = \"eu\" || span.http.status_code >= 500 }",
          "{ event:name = \"exception\" && event.exception.type = \"IOError\" }",
          "{ link.link.kind = \"follows\" }",
          "{ duration > 95ms }",
          "{ span.attr.str != \"a\" }",
          "{ span.attr.str !~ \"b.*\" }",
          "{ statusMessage = \"boom\" }",
          "{ instrumentation:name = \"lib-1\" && instrumentation.scope.attr = \"sa-1\" }",
          "{ rootServiceName = \"svc-2\" }",
          "{ .nope != nil }",
          "{ span.http.method = \"DELETE\" }",
          "{ resource.service.name = \"svc-1\" && resource.service.name = \"svc-2\" }",
          "{ span.attr.int = \"12\" }");

  /** Tags whose values tag searches are asked for, of every kind of column. */
  static final List<String> TAGS =
      List.of(
          "span.instance",
          "resource.region",
          "resource.service.name",
          ".attr.int",
          "span.attr.double",
          "span.attr.flag",
          "span.http.status_code",
          "span.http.method",
          "event.exception.type",
          "link.link.kind",
          "instrumentation.scope.attr",
          "status",
          "kind",
          "name",
          "statusMessage",
          "rootName",
          "rootServiceName",
          "event:name",
          "instrumentation:name",
          "instrumentation:version",
          "duration",
          "span.nope");

  /** Every scope with attribute names. */
  static final Set<AttributeScope> SCOPES =
      EnumSet.of(
          AttributeScope.RESOURCE,
          AttributeScope.SPAN,
          AttributeScope.EVENT,
          AttributeScope.LINK,
          AttributeScope.INSTRUMENTATION);

  @TempDir Path bucket;
  ObjectStore local;
  Counting store;
  final Blocklist blocklist = new Blocklist();
  final Map<BlockMeta, List<BlockTrace>> blocks = new HashMap<>();
  final Map<TraceId, List<ResourceSpans>> readById = new HashMap<>();
  BlockMeta older;
  BlockMeta newer;
  final ExecutorService executor = Executors.newFixedThreadPool(2);

  /** Counts bytes read, to prove what a search skips. */
  static final class Counting extends ForwardingObjectStore {
    final AtomicLong bytes = new AtomicLong();

    Counting(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public byte[] get(String key) {
      byte[] b = super.get(key);
      bytes.addAndGet(b.length);
      return b;
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
      byte[] b = super.getRange(key, offset, length);
      bytes.addAndGet(b.length);
      return b;
    }
  }

  @BeforeEach
  void writeBlocks() {
    local = LocalObjectStore.of(bucket);
    store = new Counting(local);
    VParquet4BlockWriter writer = writer(local, bucket, 200 * 1024);
    older = write(writer, SearchData.traces(1, 60, OLD_START, 0));
    newer = write(writer, SearchData.traces(2, 300, NEW_START, 600));
  }

  /** A writer of blocks with the dedicated columns of {@link SearchData}. */
  static VParquet4BlockWriter writer(ObjectStore store, Path tempDir, long rowGroupSizeBytes) {
    return VParquet4BlockWriter.builder(store)
        .tempDir(tempDir)
        .dedicatedColumns(SearchData.DEDICATED)
        .rowGroupSizeBytes(rowGroupSizeBytes)
        .build();
  }

  private BlockMeta write(VParquet4BlockWriter writer, List<BlockTrace> traces) {
    BlockMeta meta = writer.write(TENANT, UUID.randomUUID(), traces);
    blocklist.add(meta);
    blocks.put(meta, traces);
    return meta;
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  static SearchRequest request(String query, TimeRange range, int limit) {
    return new SearchRequest(TraceQuery.compile(TraceQL.parse(query)), range, limit, 3);
  }

  /** What matching every trace of the blocks, read back by ID, yields: the reference answer. */
  Map<String, TraceMatch> expected(SearchRequest request, List<BlockMeta> metas) {
    Map<String, TraceMatch> out = new HashMap<>();
    for (BlockMeta meta : metas) {
      VParquet4BlockReader reader = VParquet4BlockReader.of(local, meta);
      for (BlockTrace t : blocks.get(meta)) {
        List<ResourceSpans> readBack =
            readById.computeIfAbsent(t.traceId(), id -> reader.find(id).fragments());
        TraceMatch m = TraceMatcher.match(request, t.traceId(), readBack);
        if (m != null) {
          out.put(t.traceId().toHex(), m);
        }
      }
    }
    return out;
  }

  SearchResult search(BlockSearcher searcher, SearchRequest request) {
    return new SearchEngine(List.of(searcher), List.of(), Runnable::run)
        .search(List.of(TENANT), request, Duration.ofMinutes(1), null);
  }

  static Map<String, TraceMatch> byId(SearchResult result) {
    Map<String, TraceMatch> out = new HashMap<>();
    result.traces().forEach(m -> out.put(m.traceId().toHex(), m));
    return out;
  }

  @Test
  void everyQueryFindsWhatMatchingTracesReadByIdFinds() {
    BlockSearcher searcher = new BlockSearcher(store, blocklist, executor);
    int nonEmpty = 0;
    for (String q : QUERIES) {
      SearchRequest request = request(q, window(), 100_000);
      Map<String, TraceMatch> want = expected(request, List.of(older, newer));
      SearchResult got = search(searcher, request);
      assertThat(got.failures()).as(q).isEmpty();
      assertThat(byId(got)).as(q).isEqualTo(want);
      if (!want.isEmpty()) {
        nonEmpty++;
      }
      assertThat(got.metrics().totalBlocks()).as(q).isEqualTo(2);
      assertThat(got.metrics().completedJobs()).as(q).isEqualTo(2);
    }
    assertThat(nonEmpty).isEqualTo(QUERIES.size() - 4);
    assertThat(search(searcher, request("{ .nope != nil }", window(), 10)).traces()).isEmpty();
  }

  /** Both blocks, as a window (a search without one reads no block). */
  static TimeRange window() {
    return new TimeRange(OLD_START / 1_000_000_000L - 10, NEW_START / 1_000_000_000L + 10_000);
  }

  @Test
  void aRequestWithoutAWindowReadsNoBlock() {
    SearchResult got =
        search(new BlockSearcher(store, blocklist), request("{ }", TimeRange.ALL, 10));
    assertThat(got.traces()).isEmpty();
    assertThat(store.bytes.get()).isZero();
  }

  @Test
  void theWindowPicksBlocks() {
    TimeRange onlyNewer =
        new TimeRange(NEW_START / 1_000_000_000L, NEW_START / 1_000_000_000L + 10_000);
    SearchRequest request = request("{ }", onlyNewer, 100_000);
    SearchResult got = search(new BlockSearcher(store, blocklist), request);
    assertThat(got.metrics().totalBlocks()).isEqualTo(1);
    assertThat(got.metrics().totalBlockBytes()).isEqualTo(newer.size());
    assertThat(byId(got)).isEqualTo(expected(request, List.of(newer))).hasSize(300);
  }

  @Test
  void aLimitStopsTheSearch() {
    SearchResult got = search(new BlockSearcher(store, blocklist), request("{ }", window(), 5));
    assertThat(got.traces()).hasSize(5);
    assertThat(got.metrics().inspectedTraces()).isLessThan(60);
    assertThat(got.metrics().completedJobs()).isEqualTo(2);
  }

  @Test
  void mostRecentReturnsTheNewestAndSkipsOlderBlocks() {
    SearchRequest request = request("{ } with(most_recent=true)", window(), 10);
    SearchResult got = search(new BlockSearcher(store, blocklist), request);
    List<TraceMatch> all = new ArrayList<>(expected(request, List.of(older, newer)).values());
    all.sort(Comparator.comparingLong(TraceMatch::startNanos).reversed());
    assertThat(got.traces()).isEqualTo(all.subList(0, 10));
    // The older block ends before the tenth newest trace starts: it is not read.
    assertThat(got.metrics().inspectedTraces()).isEqualTo(300);
  }

  @Test
  void aCorruptBlockIsAFailureAndTheOthersAnswer() {
    String key = TENANT + "/" + older.blockId() + "/data.parquet";
    byte[] data = local.get(key);
    Arrays.fill(data, 4, data.length - older.footerSize() - 8, (byte) 0x55);
    local.put(key, data);
    BlockSearcher searcher = new BlockSearcher(store, blocklist, executor);
    SearchRequest request = request("{ resource.service.name = \"svc-1\" }", window(), 100_000);

    for (int i = 0; i < 2; i++) {
      SearchResult got = search(searcher, request);
      assertThat(got.failures())
          .containsExactly("block " + older.blockId() + ": corrupt (data.parquet)");
      assertThat(byId(got)).isEqualTo(expected(request, List.of(newer))).isNotEmpty();
    }
    assertThat(searcher.corruptBlocks()).isEqualTo(1);
  }

  @Test
  void aBlockTheStoreCannotReadIsAFailureAndTheOthersAnswer() {
    ObjectStore failing =
        new ForwardingObjectStore(local) {
          @Override
          public byte[] getRange(String key, long offset, int length) {
            if (key.contains(older.blockId().toString())) {
              throw new StorageException("getRange " + key + " failed (injected)");
            }
            return super.getRange(key, offset, length);
          }
        };
    String key = TENANT + "/" + older.blockId() + "/data.parquet";
    SearchRequest request = request("{ span.http.status_code >= 500 }", window(), 100_000);
    SearchResult got = search(new BlockSearcher(failing, blocklist, executor), request);
    assertThat(got.failures())
        .containsExactly(
            "block "
                + older.blockId()
                + ": could not be read from storage: StorageException: reading "
                + key
                + " failed: getRange "
                + key
                + " failed (injected)");
    assertThat(byId(got)).isEqualTo(expected(request, List.of(newer))).isNotEmpty();
  }

  /** A block of tenant "big" of 500 traces with 2.4 KB of padding per span. */
  private BlockMeta writeBig(int seed, long rowGroupSizeBytes) {
    List<BlockTrace> traces = SearchData.traces(seed, 500, NEW_START, 2400);
    BlockMeta big =
        VParquet4BlockWriter.builder(local)
            .tempDir(bucket)
            .dedicatedColumns(SearchData.DEDICATED)
            .rowGroupSizeBytes(rowGroupSizeBytes)
            .build()
            .write("big", UUID.randomUUID(), traces);
    blocks.put(big, traces);
    return big;
  }

  @Test
  void aSelectiveQueryReadsOnlyTheRowGroupThatMayMatch() {
    BlockMeta big = writeBig(3, 256 * 1024);
    List<BlockTrace> traces = blocks.get(big);
    Blocklist only = new Blocklist();
    only.add(big);
    assertThat(big.totalRecords()).isGreaterThanOrEqualTo(20);
    for (String q : List.of("{ span.http.method = \"TRACE\" }", "{ span.instance = \"rare\" }")) {
      store.bytes.set(0);
      SearchRequest request = request(q, window(), 100_000);
      SearchResult got =
          new SearchEngine(List.of(new BlockSearcher(store, only)), List.of(), Runnable::run)
              .search(List.of("big"), request, Duration.ofMinutes(1), null);
      assertThat(byId(got)).as(q).isEqualTo(expected(request, List.of(big))).hasSize(4);
      assertThat(store.bytes.get()).as(q).isLessThan(big.size() / 10);
      assertThat(got.metrics().inspectedBytes()).as(q).isEqualTo(store.bytes.get());
      assertThat(got.metrics().inspectedTraces()).as(q).isLessThan(traces.size() / 10);
    }
  }

  @Test
  void aSelectiveQueryReadsOnlyThePagesThatMayMatchInOneRowGroup() {
    BlockMeta big = writeBig(4, VParquet4BlockWriterBuilder.DEFAULT_ROW_GROUP_SIZE_BYTES);
    List<BlockTrace> traces = blocks.get(big);
    Blocklist only = new Blocklist();
    only.add(big);
    assertThat(big.totalRecords()).isEqualTo(1);
    BlockSearcher searcher = new BlockSearcher(store, only);
    for (String q :
        List.of(
            "{ span.http.method = \"TRACE\" }",
            "{ span.instance = \"rare\" && status != ok }",
            "{ span.instance = \"rare\" || span.http.method = \"TRACE\" }")) {
      store.bytes.set(0);
      SearchRequest request = request(q, window(), 100_000);
      SearchResult got =
          new SearchEngine(List.of(searcher), List.of(), Runnable::run)
              .search(List.of("big"), request, Duration.ofMinutes(1), null);
      assertThat(byId(got)).as(q).isEqualTo(expected(request, List.of(big))).isNotEmpty();
      assertThat(store.bytes.get()).as(q).isLessThan(big.size() / 10);
      assertThat(got.metrics().inspectedTraces()).as(q).isLessThan(traces.size() / 2);
    }
    for (String q : QUERIES) {
      SearchRequest request = request(q, window(), 100_000);
      SearchResult got =
          new SearchEngine(List.of(searcher), List.of(), Runnable::run)
              .search(List.of("big"), request, Duration.ofMinutes(1), null);
      assertThat(byId(got)).as(q).isEqualTo(expected(request, List.of(big)));
    }
  }

  @Test
  void aSecondSearchOfABlockDoesNotFetchItsFooterAgain() {
    Blocklist only = new Blocklist();
    only.add(older);
    BlockSearcher searcher = new BlockSearcher(store, only);
    long[] read = new long[2];
    for (int n = 0; n < 2; n++) {
      store.bytes.set(0);
      SearchRequest request = request("{ span.http.method = \"POST\" }", window(), 5);
      SearchResult got =
          new SearchEngine(List.of(searcher), List.of(), Runnable::run)
              .search(List.of(TENANT), request, Duration.ofMinutes(1), null);
      assertThat(got.traces()).hasSize(5);
      read[n] = store.bytes.get();
    }
    assertThat(older.footerSize()).isPositive();
    assertThat(read[1]).isLessThanOrEqualTo(read[0] - older.footerSize() - 8);
  }

  @Test
  void genericAttributesAreComparedBeforeTracesAreAssembled() {
    BlockMeta big = writeBig(5, VParquet4BlockWriterBuilder.DEFAULT_ROW_GROUP_SIZE_BYTES);
    List<BlockTrace> traces = blocks.get(big);
    Blocklist only = new Blocklist();
    only.add(big);
    BlockSearcher searcher = new BlockSearcher(store, only);
    // Keys in every span, values in none: no page of values holds one, so nothing is assembled.
    for (String q :
        List.of(
            "{ span.attr.str = \"zzz\" }",
            "{ .attr.str = \"zzz\" }",
            "{ span.attr.int = 1000 }",
            "{ span.attr.double > 500.5 }",
            "{ span.attr.str =~ \"z.*\" }",
            "{ span.attr.str = \"zzz\" && span.attr.int >= 0 }")) {
      SearchResult got =
          new SearchEngine(List.of(searcher), List.of(), Runnable::run)
              .search(List.of("big"), request(q, window(), 100_000), Duration.ofMinutes(1), null);
      assertThat(got.traces()).as(q).isEmpty();
      assertThat(got.metrics().inspectedTraces()).as(q).isZero();
    }
    // Values in many pages, but both in few traces: each trace's values rule out most of them.
    for (String q :
        List.of(
            "{ span.attr.int = 5 && span.attr.str = \"b2\" }",
            "{ span.attr.int = 7 && span.attr.double = 0.3 && span.attr.flag = false }")) {
      SearchRequest request = request(q, window(), 100_000);
      SearchResult got =
          new SearchEngine(List.of(searcher), List.of(), Runnable::run)
              .search(List.of("big"), request, Duration.ofMinutes(1), null);
      assertThat(byId(got)).as(q).isEqualTo(expected(request, List.of(big))).isNotEmpty();
      assertThat(got.metrics().inspectedTraces()).as(q).isLessThan(traces.size() / 4);
    }
    // Every way of comparing a generic attribute still finds what the traces hold.
    for (String q :
        List.of(
            "{ .attr.str = \"b1\" }",
            "{ span.attr.str != \"a\" && span.attr.int < 3 }",
            "{ span.attr.int = 42 }",
            "{ span.attr.int = 42.0 }",
            "{ span.attr.double >= 0.9 }",
            "{ span.attr.double = 0 }",
            "{ .attr.str =~ \"b[12]\" && .attr.int < 10 }",
            "{ span.attr.flag != true && span.attr.int > 97 }",
            "{ span.attr.str = \"zzz\" || span.attr.int = 3 }",
            "{ span.attr.str = \"b0\" } && { span.attr.int = 99 }",
            "{ span.attr.str = \"b0\" } >> { span.attr.int < 50 }",
            "{ resource.service.name = \"svc-1\" && span.attr.int = 12 }",
            "{ event.exception.type = \"IOError\" && span.attr.int = 2 }",
            "{ span.attr.int < 9 } | count() > 1")) {
      SearchRequest request = request(q, window(), 100_000);
      SearchResult got =
          new SearchEngine(List.of(searcher), List.of(), Runnable::run)
              .search(List.of("big"), request, Duration.ofMinutes(1), null);
      assertThat(byId(got)).as(q).isEqualTo(expected(request, List.of(big))).isNotEmpty();
    }
  }

  SearchEngine tagEngine() {
    return new SearchEngine(
        List.of(), List.of(new BlockSearcher(store, blocklist, executor)), Runnable::run);
  }

  @Test
  void tagNamesAreTheAttributeKeysOfEachScope() {
    Set<AttributeScope> scopes = SCOPES;
    Map<AttributeScope, Set<String>> want = new EnumMap<>(AttributeScope.class);
    for (List<BlockTrace> traces : blocks.values()) {
      for (BlockTrace t : traces) {
        for (ResourceSpans rs : t.batches()) {
          rs.getResource()
              .getAttributesList()
              .forEach(kv -> add(want, AttributeScope.RESOURCE, kv));
          for (ScopeSpans ss : rs.getScopeSpansList()) {
            ss.getScope()
                .getAttributesList()
                .forEach(kv -> add(want, AttributeScope.INSTRUMENTATION, kv));
            for (Span span : ss.getSpansList()) {
              span.getAttributesList().forEach(kv -> add(want, AttributeScope.SPAN, kv));
              for (Span.Event e : span.getEventsList()) {
                e.getAttributesList().forEach(kv -> add(want, AttributeScope.EVENT, kv));
              }
              for (Span.Link l : span.getLinksList()) {
                l.getAttributesList().forEach(kv -> add(want, AttributeScope.LINK, kv));
              }
            }
          }
        }
      }
    }
    assertThat(want.get(AttributeScope.RESOURCE)).contains("service.name", "region");
    assertThat(want.get(AttributeScope.SPAN))
        .contains("http.method", "http.status_code", "instance");

    TagResult got =
        tagEngine()
            .tagNames(
                List.of(TENANT),
                new TagRequest(scopes, null, window()),
                0,
                0,
                Duration.ofMinutes(1));
    assertThat(got.failures()).isEmpty();
    assertThat(got.inspectedBytes()).isPositive();
    for (AttributeScope scope : scopes) {
      assertThat(got.names().get(scope))
          .as(scope.toString())
          .containsExactlyInAnyOrderElementsOf(want.get(scope));
    }

    SpanFilter rare = SpanFilter.compile(TraceQL.parse("{ span.http.method = \"TRACE\" }"));
    TagResult filtered =
        tagEngine()
            .tagNames(
                List.of(TENANT),
                new TagRequest(Set.of(AttributeScope.LINK), rare, window()),
                0,
                0,
                Duration.ofMinutes(1));
    Collect rareLinks = new Collect();
    TagRequest rareRequest = new TagRequest(Set.of(AttributeScope.LINK), rare, window());
    for (List<BlockTrace> traces : blocks.values()) {
      for (BlockTrace t : traces) {
        TagMatcher.names(rareRequest, t.traceId(), t.batches(), rareLinks);
      }
    }
    assertThat(rareLinks.names).isNotEmpty();
    assertThat(filtered.names().getOrDefault(AttributeScope.LINK, List.of()))
        .containsExactlyInAnyOrderElementsOf(rareLinks.names.get(AttributeScope.LINK));
  }

  private static void add(
      Map<AttributeScope, Set<String>> names, AttributeScope scope, KeyValue kv) {
    names.computeIfAbsent(scope, s -> new HashSet<>()).add(kv.getKey());
  }

  @Test
  void tagValuesAreTypedAndHonourTheFilter() {
    SpanFilter rare = SpanFilter.compile(TraceQL.parse("{ span.http.method = \"TRACE\" }"));
    for (SpanFilter filter : Arrays.asList(null, rare)) {
      for (String tag : TAGS) {
        FieldExpression field = tagField(tag);
        TagValuesRequest request = new TagValuesRequest(field, filter, window());
        Collect reference = new Collect();
        for (List<BlockTrace> traces : blocks.values()) {
          for (BlockTrace t : traces) {
            TagMatcher.values(request, t.traceId(), t.batches(), reference);
          }
        }
        Set<Static> want = reference.values;
        TagResult got =
            tagEngine()
                .tagValues(
                    List.of(TENANT),
                    new TagValuesRequest(field, filter, window()),
                    0,
                    0,
                    Duration.ofMinutes(1));
        assertThat(got.failures()).isEmpty();
        assertThat(got.values()).as(tag + " " + filter).containsExactlyInAnyOrderElementsOf(want);
        if (!tag.equals("duration") && !tag.equals("span.nope") && filter == null) {
          assertThat(want).as(tag).isNotEmpty();
        }
      }
    }
  }

  static FieldExpression tagField(String tag) {
    FieldExpression condition =
        ((dev.vivace.traceql.SpansetFilter) TraceQL.parse("{ " + tag + " != nil }").expression())
            .condition();
    return ((dev.vivace.traceql.BinaryOperation) condition).left();
  }

  /** Collects what a tag search offers; never done. */
  static final class Collect implements TagSink {
    final Map<AttributeScope, Set<String>> names = new EnumMap<>(AttributeScope.class);
    final Set<Static> values = new HashSet<>();

    @Override
    public synchronized boolean addName(AttributeScope scope, String name) {
      names.computeIfAbsent(scope, s -> new HashSet<>()).add(name);
      return true;
    }

    @Override
    public synchronized boolean addValue(Static value) {
      values.add(value);
      return true;
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public void inspectedBytes(long bytes) {}

    @Override
    public void failure(String description) {
      throw new AssertionError(description);
    }
  }
}
