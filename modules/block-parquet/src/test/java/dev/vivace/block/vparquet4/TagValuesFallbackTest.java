package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.DedicatedColumn;
import dev.vivace.block.list.BlockSearcher;
import dev.vivace.block.list.Blocklist;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.Static;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.column.EncodingStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag names and values of columns whose dictionary stopped growing: parquet-java writes the first
 * pages of such a chunk with a dictionary and falls back to plain values once the dictionary passes
 * its size limit, so the dictionary lists only the first values. Each value here repeats in the
 * first traces (which makes the writer choose a dictionary) and is distinct and long after them.
 */
class TagValuesFallbackTest {

  static final String TENANT = "t";
  static final long START = 1_700_000_000_000_000_000L;
  static final int TRACES = 12_000;
  static final int REPEATING = 1_000;
  static final String DEDICATED = "url.path";
  static final String GENERIC = "generic.path";
  static final String KEY_PREFIX = "key/";

  @TempDir Path bucket;
  ObjectStore store;
  BlockMeta meta;
  SearchEngine engine;

  /** Each tag asked for, with the prefix its values have. */
  static final Map<FieldExpression, String> PREFIXES =
      Map.of(
          new Attribute(AttributeScope.SPAN, false, DEDICATED),
          "/path/",
          new Attribute(AttributeScope.NONE, false, DEDICATED),
          "/path/",
          new Attribute(AttributeScope.SPAN, false, WellKnown.HTTP_URL),
          "http://h/",
          new Attribute(AttributeScope.SPAN, false, GENERIC),
          "/generic/",
          Intrinsic.NAME,
          "op/");

  final Set<String> suffixes = new LinkedHashSet<>();
  final Set<String> spanKeys = new LinkedHashSet<>();

  @BeforeEach
  void writeBlock() {
    store = LocalObjectStore.of(bucket);
    List<BlockTrace> traces = new ArrayList<>();
    String padding = "x".repeat(100);
    for (int t = 0; t < TRACES; t++) {
      TraceId id = TraceId.parse(String.format("%032x", t + 1));
      String suffix = t < REPEATING ? "repeat/" + (t % 20) : String.format("%08d/%s", t, padding);
      String key = KEY_PREFIX + (t < REPEATING ? "repeat" : suffix);
      Span span =
          Span.newBuilder()
              .setTraceId(id.toByteString())
              .setSpanId(
                  ByteString.copyFrom(
                      new byte[] {1, 0, 0, 0, 0, (byte) (t >> 16), (byte) (t >> 8), (byte) t}))
              .setName("op/" + suffix)
              .setStartTimeUnixNano(START + t * 1_000_000L)
              .setEndTimeUnixNano(START + t * 1_000_000L + 1_000)
              .addAttributes(SearchData.str(DEDICATED, "/path/" + suffix))
              .addAttributes(SearchData.str(WellKnown.HTTP_URL, "http://h/" + suffix))
              .addAttributes(SearchData.str(GENERIC, "/generic/" + suffix))
              .addAttributes(SearchData.str(key, "v"))
              .build();
      suffixes.add(suffix);
      spanKeys.addAll(List.of(DEDICATED, WellKnown.HTTP_URL, GENERIC, key));
      traces.add(
          new BlockTrace(
              id,
              List.of(
                  ResourceSpans.newBuilder()
                      .setResource(
                          Resource.newBuilder().addAttributes(SearchData.str("service.name", "s")))
                      .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))
                      .build())));
    }
    meta =
        VParquet4BlockWriter.builder(store)
            .tempDir(bucket)
            .dedicatedColumns(List.of(DedicatedColumn.span(DEDICATED)))
            .build()
            .write(TENANT, UUID.randomUUID(), traces);
    Blocklist blocklist = new Blocklist();
    blocklist.add(meta);
    engine =
        new SearchEngine(List.of(), List.of(new BlockSearcher(store, blocklist)), Runnable::run);
  }

  @Test
  void theColumnsFellBackFromTheirDictionary() {
    try (BlockScan scan = BlockScan.open(store, meta, new AtomicLong(), null)) {
      assertThat(scan.rowGroups()).isEqualTo(1);
      var chunks = scan.chunks(0);
      for (String column :
          List.of(
              SearchColumns.SPANS + "DedicatedAttributes.String01",
              SearchColumns.SPANS + "HttpUrl",
              SearchColumns.SPANS + "Name",
              SearchColumns.SPANS + "Attrs.list.element.Value.list.element",
              SearchColumns.SPANS + SearchColumns.KEY)) {
        EncodingStats stats = chunks.get(column).getEncodingStats();
        assertThat(stats.hasDictionaryPages()).as(column).isTrue();
        assertThat(stats.hasNonDictionaryEncodedPages()).as(column).isTrue();
        assertThat(scan.dictionary(0, chunks.get(column))).as(column).isEmpty();
      }
    }
  }

  @Test
  void tagValuesListEveryValueUpToTheLimit() {
    for (Map.Entry<FieldExpression, String> e : PREFIXES.entrySet()) {
      Set<Static> all = new LinkedHashSet<>();
      suffixes.forEach(s -> all.add(new Static.StringValue(e.getValue() + s)));
      assertThat(all).hasSize(20 + TRACES - REPEATING);
      TagResult unlimited = values(e.getKey(), 0);
      assertThat(unlimited.failures()).isEmpty();
      assertThat(unlimited.values())
          .as(e.getKey().toString())
          .containsExactlyInAnyOrderElementsOf(all);
      TagResult limited = values(e.getKey(), 5_000);
      assertThat(limited.values()).as(e.getKey().toString()).hasSize(5_000);
      assertThat(all).containsAll(limited.values());
    }
  }

  @Test
  void tagNamesListEveryNameUpToTheLimit() {
    TagResult unlimited = names(0);
    assertThat(unlimited.names().get(AttributeScope.SPAN))
        .containsExactlyInAnyOrderElementsOf(spanKeys);
    TagResult limited = names(5_000);
    assertThat(limited.names().get(AttributeScope.SPAN)).hasSize(5_000);
    assertThat(spanKeys).containsAll(limited.names().get(AttributeScope.SPAN));
  }

  private TagResult values(FieldExpression tag, int limit) {
    return engine.tagValues(
        List.of(TENANT),
        new TagValuesRequest(tag, null, window()),
        limit,
        0,
        Duration.ofMinutes(1));
  }

  private TagResult names(int limit) {
    return engine.tagNames(
        List.of(TENANT),
        new TagRequest(Set.of(AttributeScope.SPAN), null, window()),
        limit,
        0,
        Duration.ofMinutes(1));
  }

  private static TimeRange window() {
    return new TimeRange(START / 1_000_000_000L - 10, START / 1_000_000_000L + 3_600);
  }
}
