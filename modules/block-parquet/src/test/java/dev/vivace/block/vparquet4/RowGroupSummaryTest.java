package dev.vivace.block.vparquet4;

import dev.vivace.block.BlockMeta;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldOperator;
import dev.vivace.traceql.Static;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowGroupSummaryTest {

  @TempDir Path dir;

  @Test
  void debug() {
    ObjectStore store = LocalObjectStore.of(dir);
    BlockMeta meta =
        VParquet4BlockWriter.builder(store)
            .tempDir(dir)
            .dedicatedColumns(SearchData.DEDICATED)
            .rowGroupSizeBytes(40 * 1024)
            .build()
            .write("t", UUID.randomUUID(), SearchData.traces(2, 300, 1L << 60, 600));
    try (BlockScan scan = BlockScan.open(store, meta, new AtomicLong())) {
      ColumnChunkMetaData c = scan.chunks(1).get(SearchColumns.SPANS + "HttpMethod");
      System.out.println(
          "DBG "
              + c.getEncodingStats()
              + " "
              + c.getEncodings()
              + " dict="
              + c.hasDictionaryPage()
              + " "
              + c.getDictionaryPageOffset()
              + " "
              + c.getFirstDataPageOffset()
              + " stats="
              + c.getStatistics());
      System.out.println("DBG dict " + scan.dictionary(1, c));
      RowGroupSummary s =
          new RowGroupSummary(scan, 1, DedicatedColumnMapping.of(meta.dedicatedColumns()));
      System.out.println(
          "DBG "
              + s.mayMatch(
                  new Attribute(AttributeScope.SPAN, false, "http.method"),
                  FieldOperator.EQUAL,
                  new Static.StringValue("PATCH")));
      System.out.println("DBG key " + s.keyMayOccur(AttributeScope.SPAN, "http.method"));
    }
    CountingObjectStore counting = new CountingObjectStore(store);
    dev.vivace.search.SearchRequest request =
        new dev.vivace.search.SearchRequest(
            dev.vivace.traceql.TraceQuery.compile(
                dev.vivace.traceql.TraceQL.parse("{ span.http.method = \"PATCH\" }")),
            new dev.vivace.query.TimeRange(0, 1L << 40),
            1000,
            3);
    dev.vivace.search.SearchResult r =
        new dev.vivace.search.SearchEngine(
                java.util.List.of(
                    (tenant, req, sink) ->
                        VParquet4BlockReader.of(counting, meta).search(req, sink)),
                java.util.List.of(),
                Runnable::run)
            .search(java.util.List.of("t"), request, java.time.Duration.ofMinutes(1), null);
    System.out.println(
        "DBG found " + r.traces().size() + " bytes " + counting.bytes + " of " + meta.size());
    counting.reads.forEach(x -> System.out.println("DBG read " + x));
  }
}
