package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldOperator;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a row group's statistics and dictionaries rule out. The data set's first traces, all in row
 * group 0, alone have {@code http.method = "TRACE"} and {@code instance = "rare"}.
 */
class RowGroupSummaryTest {

  @TempDir static Path dir;
  static ObjectStore store;
  static BlockMeta meta;

  @BeforeAll
  static void writeBlock() {
    store = LocalObjectStore.of(dir);
    meta =
        VParquet4BlockWriter.builder(store)
            .tempDir(dir)
            .dedicatedColumns(SearchData.DEDICATED)
            .rowGroupSizeBytes(64 * 1024)
            .build()
            .write("t", UUID.randomUUID(), SearchData.traces(5, 200, 1_000_000_000_000L, 300));
  }

  /** For each row group, whether the summary lets {@code query} match. */
  static List<Boolean> mayMatch(String query) {
    TraceQuery compiled = TraceQuery.compile(TraceQL.parse(query));
    List<Boolean> out = new ArrayList<>();
    try (BlockScan scan = BlockScan.open(store, meta, new AtomicLong(), null)) {
      for (int i = 0; i < scan.rowGroups(); i++) {
        RowGroupSummary summary =
            new RowGroupSummary(scan, i, DedicatedColumnMapping.of(meta.dedicatedColumns()));
        out.add(compiled.mayMatch(summary));
      }
    }
    return out;
  }

  static List<Boolean> onlyFirst() {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < meta.totalRecords(); i++) {
      out.add(i == 0);
    }
    return out;
  }

  @Test
  void wellKnownAndDedicatedValuesInOneRowGroupRuleTheOthersOut() {
    assertThat(meta.totalRecords()).isGreaterThanOrEqualTo(4);
    assertThat(mayMatch("{ span.http.method = \"TRACE\" }")).isEqualTo(onlyFirst());
    assertThat(mayMatch("{ .http.method = \"TRACE\" }")).isEqualTo(onlyFirst());
    assertThat(mayMatch("{ span.instance = \"rare\" }")).isEqualTo(onlyFirst());
    assertThat(mayMatch("{ span.instance =~ \"ra.*\" }")).isEqualTo(onlyFirst());
    assertThat(mayMatch("{ span.http.method = \"TRACE\" && name = \"op-1\" }"))
        .isEqualTo(onlyFirst());
    assertThat(mayMatch("{ span.http.method = \"TRACE\" || name = \"op-1\" }"))
        .doesNotContain(false);
  }

  @Test
  void absentValuesRuleEverythingOut() {
    for (String q :
        List.of(
            "{ span.http.method = \"DELETE\" }",
            "{ resource.region = \"asia\" }",
            "{ resource.service.name = \"svc-9\" }",
            "{ span.nope = \"x\" }",
            "{ span.nope != \"x\" }",
            "{ span.nope !~ \"x\" }",
            "{ span.http.status_code = 404 }",
            "{ span.http.status_code > 500 }",
            "{ .attr.int > 99 }",
            "{ .attr.int < 0 }",
            "{ span.attr.double > 150.5 }",
            "{ name = \"op-9\" }",
            "{ name !~ \"op-.*\" }",
            "{ duration > 1s }",
            "{ duration < 1ms }",
            "{ span.http.method = 200 }",
            "{ status = error && name = \"op-9\" }",
            "{ false }")) {
      assertThat(mayMatch(q)).as(q).containsOnly(false);
    }
  }

  @Test
  void presenceIsKnownFromKeysAndColumns() {
    try (BlockScan scan = BlockScan.open(store, meta, new AtomicLong(), null)) {
      RowGroupSummary summary =
          new RowGroupSummary(scan, 0, DedicatedColumnMapping.of(meta.dedicatedColumns()));
      Static nil = new Static.NilValue();
      for (String present : List.of("attr.str", "http.method", "instance", "http.status_code")) {
        Attribute a = new Attribute(AttributeScope.SPAN, false, present);
        assertThat(summary.mayMatch(a, FieldOperator.NOT_EQUAL, nil)).as(present).isTrue();
      }
      Attribute absent = new Attribute(AttributeScope.SPAN, false, "nope");
      assertThat(summary.mayMatch(absent, FieldOperator.NOT_EQUAL, nil)).isFalse();
      assertThat(summary.mayMatch(absent, FieldOperator.EQUAL, nil)).isTrue();
      Attribute region = new Attribute(AttributeScope.RESOURCE, false, "region");
      assertThat(summary.mayMatch(region, FieldOperator.NOT_EQUAL, nil)).isTrue();
      assertThat(summary.mayMatch(region, FieldOperator.EQUAL, new Static.IntValue(1))).isFalse();
    }
  }

  @Test
  void presentValuesAndNegationsOfPresentKeysAreKept() {
    for (String q :
        List.of(
            "{ }",
            "{ span.http.method != \"GET\" }",
            "{ span.http.method !~ \"G.*\" }",
            "{ span.attr.str != \"a\" }",
            "{ span.attr.str != nil }",
            "{ span.nope = nil }",
            "{ resource.region = \"eu\" }",
            "{ resource.region != \"eu\" }",
            "{ resource.service.name =~ \"svc-[0-4]\" }",
            "{ span.http.status_code >= 500 }",
            "{ span.http.status_code != 200 }",
            "{ .attr.int >= 0 }",
            "{ span.attr.double <= 0.5 }",
            "{ span.attr.flag = false }",
            "{ status = error }",
            "{ status != ok }",
            "{ kind = server }",
            "{ name =~ \"op-.*\" }",
            "{ duration >= 1ms }",
            "{ event:name = \"exception\" }",
            "{ instrumentation:name = \"lib-1\" }",
            "{ 500 <= span.http.status_code }",
            "{ span:id != nil }")) {
      assertThat(mayMatch(q)).as(q).containsOnly(true);
    }
  }
}
