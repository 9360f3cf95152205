package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockMeta;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchSink;
import dev.vivace.search.TraceMatch;
import dev.vivace.search.TraceMatcher;
import dev.vivace.storage.ObjectStore;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import dev.vivace.traceql.SpansetFilter;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.schema.MessageType;

/**
 * A search over one block: every row group that its statistics and dictionaries do not rule out is
 * read with only the columns the query needs, each trace is rebuilt as OTLP and matched by {@link
 * TraceMatcher}, as the other tiers match theirs.
 */
final class BlockSearch {

  private final ObjectStore store;
  private final BlockMeta meta;
  private final DedicatedColumnMapping dedicated;

  BlockSearch(ObjectStore store, BlockMeta meta, DedicatedColumnMapping dedicated) {
    this.store = store;
    this.meta = meta;
    this.dedicated = dedicated;
  }

  void search(SearchRequest request, SearchSink sink) {
    AtomicLong bytesRead = new AtomicLong();
    long[] inspected = new long[2]; // traces, spans
    try (BlockScan scan = BlockScan.open(store, meta, bytesRead)) {
      MessageType projection = projection(scan.fileSchema(), request);
      DedicatedColumnMapping mapping = dedicated;
      for (int i = 0; i < scan.rowGroups() && !sink.isDone(); i++) {
        if (!ConditionPruning.mayMatch(request.query(), new RowGroupSummary(scan, i, mapping))) {
          continue;
        }
        RowDecoder decoder = new RowDecoder(mapping);
        scan.forEachRow(
            i,
            projection,
            row -> {
              TraceId traceId = TraceId.of(BlockScan.traceId(row));
              List<ResourceSpans> batches = decoder.decode(row);
              inspected[0]++;
              inspected[1] += Traces.spanCount(batches);
              TraceMatch match = TraceMatcher.match(request, traceId, batches);
              if (match != null && !sink.offer(match)) {
                return false;
              }
              return !sink.isDone();
            });
      }
    } finally {
      sink.metrics().inspected(inspected[0], inspected[1], bytesRead.get());
    }
  }

  /**
   * The columns to read: those of the query's fields for one span selector; every column OTLP
   * carries for anything else, as its fields are not all known here.
   */
  private MessageType projection(MessageType fileSchema, SearchRequest request) {
    if (request.query().query().expression() instanceof SpansetFilter) {
      return TraceSchema.select(
          fileSchema, SearchColumns.forFields(request.query().resultFields(), dedicated));
    }
    return TraceSchema.projection(fileSchema, TraceSchema.DERIVED);
  }
}
