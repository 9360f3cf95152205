package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockMeta;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchSink;
import dev.vivace.search.TraceMatch;
import dev.vivace.search.TraceMatcher;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.Traces;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.SpansetFilter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * A search over one block: every row group that its statistics and dictionaries do not rule out is
 * read with only the columns the query needs, each trace is rebuilt as OTLP and matched by {@link
 * TraceMatcher}, as the other tiers match theirs.
 */
final class BlockSearch {

  private final ObjectStore store;
  private final BlockMeta meta;
  private final DedicatedColumnMapping dedicated;
  private final @Nullable FooterCache footers;

  BlockSearch(
      ObjectStore store,
      BlockMeta meta,
      DedicatedColumnMapping dedicated,
      @Nullable FooterCache footers) {
    this.footers = footers;
    this.store = store;
    this.meta = meta;
    this.dedicated = dedicated;
  }

  void search(SearchRequest request, SearchSink sink) {
    AtomicLong bytesRead = new AtomicLong();
    long[] inspected = new long[2]; // traces, spans
    try (BlockScan scan = BlockScan.open(store, meta, bytesRead, footers)) {
      Map<Set<String>, MessageType> projections = new HashMap<>();
      RowDecoder decoder = new RowDecoder(dedicated);
      for (int i = 0; i < scan.rowGroups() && !sink.isDone(); i++) {
        RowGroupSummary summary = new RowGroupSummary(scan, i, dedicated);
        if (!request.query().mayMatch(summary)) {
          continue;
        }
        RowRanges rows =
            request.query().query().expression() instanceof SpansetFilter filter
                ? scan.pageRows(i, filter.condition(), summary, dedicated)
                : null;
        scan.forEachTrace(
            i,
            projection(scan.fileSchema(), request, summary, projections),
            rows,
            RowFilter.of(request.query(), dedicated, scan.fileSchema(), summary),
            decoder,
            matcher(request, sink, inspected));
      }
    } finally {
      sink.metrics().inspected(inspected[0], inspected[1], bytesRead.get());
    }
  }

  /** Counts each rebuilt trace in {@code inspected} (traces, spans) and offers it if it matches. */
  private static BlockScan.TraceWork matcher(
      SearchRequest request, SearchSink sink, long[] inspected) {
    return (traceId, batches) -> {
      inspected[0]++;
      inspected[1] += Traces.spanCount(batches);
      TraceMatch match = TraceMatcher.match(request, traceId, batches);
      return (match == null || sink.offer(match)) && !sink.isDone();
    };
  }

  /**
   * Searches a block that cannot be pruned by its columns (vParquet3): every row of every row group
   * is read whole, rebuilt with {@code decoder} and matched.
   */
  void searchEveryRow(SearchRequest request, SearchSink sink, RowDecoder decoder) {
    AtomicLong bytesRead = new AtomicLong();
    long[] inspected = new long[2]; // traces, spans
    try (BlockScan scan = BlockScan.open(store, meta, bytesRead, footers)) {
      MessageType projection = decoder.projection(scan.fileSchema());
      for (int i = 0; i < scan.rowGroups() && !sink.isDone(); i++) {
        scan.forEachTrace(i, projection, null, decoder, matcher(request, sink, inspected));
      }
    } finally {
      sink.metrics().inspected(inspected[0], inspected[1], bytesRead.get());
    }
  }

  /**
   * The columns to read in a row group: for one span selector, those of the query's fields, with
   * the generic attributes of a scope only if the row group may have one of the names looked up
   * there; for anything else every column OTLP carries, as its fields are not all known here.
   */
  private MessageType projection(
      MessageType fileSchema,
      SearchRequest request,
      RowGroupSummary summary,
      Map<Set<String>, MessageType> projections) {
    if (!(request.query().query().expression() instanceof SpansetFilter)) {
      return projections.computeIfAbsent(
          Set.of(), p -> TraceSchema.projection(fileSchema, TraceSchema.DERIVED));
    }
    List<FieldExpression> fields = request.query().resultFields();
    Set<String> paths = new LinkedHashSet<>(SearchColumns.forFields(fields, dedicated));
    SearchColumns.attributeNames(fields)
        .forEach(
            (scope, names) -> {
              if (names.stream().anyMatch(name -> summary.keyMayOccur(scope, name))) {
                paths.add(SearchColumns.attrsPrefix(scope) + "Attrs");
              }
            });
    return projections.computeIfAbsent(paths, p -> TraceSchema.select(fileSchema, p));
  }
}
