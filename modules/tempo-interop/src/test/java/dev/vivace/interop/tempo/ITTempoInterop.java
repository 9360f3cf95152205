package dev.vivace.interop.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.DedicatedColumn;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.go.GoProgram;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vivace ↔ Tempo's Go stack: Vivace's blocks are checked by the Go checker of this module
 * (parquet-go v0.26.4 and willf/bloom v2.0.3 as in Tempo v2.10.3, Tempo's find-trace-by-ID steps),
 * and blocks written by parquet-go are read by {@link VParquet4BlockReader}.
 */
class ITTempoInterop {

  private static final String TENANT = "interop-ü";
  private static final List<DedicatedColumn> DEDICATED =
      List.of(
          DedicatedColumn.resource("ip"),
          DedicatedColumn.span("instance"),
          DedicatedColumn.span("http.route"));
  private static final String DEDICATED_JSON =
      "[{\"s\":\"resource\",\"n\":\"ip\"},{\"n\":\"instance\"},{\"n\":\"http.route\"}]";
  private static final List<String> ABSENT =
      List.of(
          "1",
          "ffffffffffffffffffffffffffffffff",
          "00000000000000000000000000000000",
          "7f3a9c0e5d2b4a6f");

  /** Enough for many small Vivace row groups: the writer checks the size after every row. */
  private static final int TRACES = 360;

  private static GoChecker go;
  private static List<BlockTrace> traces;

  @TempDir Path dir;

  @BeforeAll
  static void buildChecker() throws Exception {
    go = GoChecker.build();
    traces = new InteropTraces(20261129L).generate(TRACES);
  }

  /**
   * Vivace's block passes every check, including the column index: parquet-java writes {@code
   * false} in the {@code null_pages} list as 0x02, which parquet-go v0.26.4 reads as {@code true};
   * the block writer rewrites those bytes to 0x00, and this test fails if it stops doing so.
   */
  @Test
  void tempoStackReadsVivaceBlock() throws Exception {
    UUID blockId = UUID.randomUUID();
    BlockMeta meta = writeWithVivace(blockId);
    assertThat(meta.totalRecords()).as("several row groups").isGreaterThan(2);
    assertThat(meta.bloomShards()).as("several bloom shards").isGreaterThan(1);

    GoProgram.Result r = checkBlock(blockId, writeTraces(traces), writeAbsent(ABSENT));

    assertThat(r.output())
        .containsPattern(
            "block: "
                + meta.totalRecords()
                + " row groups, "
                + meta.bloomShards()
                + " bloom shards, [1-9][0-9]* pages checked against the column index")
        .contains(
            "check-block: "
                + TRACES
                + " traces expected, "
                + ABSENT.size()
                + " absent IDs, 0 problems")
        .doesNotContain("null_pages");
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  /** The check can fail: an altered expectation and a present "absent" ID are both reported. */
  @Test
  void checkerReportsDifferences() throws Exception {
    UUID blockId = UUID.randomUUID();
    writeWithVivace(blockId);
    List<BlockTrace> altered = new ArrayList<>(traces);
    BlockTrace victim = altered.get(5);
    ResourceSpans.Builder rs = victim.batches().get(0).toBuilder();
    rs.getScopeSpansBuilder(0).getSpansBuilder(0).setName("altered");
    List<ResourceSpans> batches = new ArrayList<>(victim.batches());
    batches.set(0, rs.build());
    altered.set(5, new BlockTrace(victim.traceId(), batches));
    String present = traces.get(9).traceId().toHex();

    GoProgram.Result r = checkBlock(blockId, writeTraces(altered), writeAbsent(List.of(present)));

    String id = victim.traceId().toHex();
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .contains(
            "FAIL trace "
                + id
                + ": row.ResourceSpans[0].ScopeSpans[0].Spans[0].Name: want \"altered\", got ")
        .contains("FAIL trace " + id + ": OTLP span ")
        .contains("FAIL absent trace " + present + ": found")
        .doesNotContain("FAIL column index");
  }

  @Test
  void vivaceReadsTempoStackBlock() throws Exception {
    UUID goBlock = UUID.randomUUID();
    GoProgram.Result w =
        go.run(
            List.of(
                "write-block",
                "-root",
                store().toString(),
                "-tenant",
                TENANT,
                "-block",
                goBlock.toString(),
                "-traces",
                writeTraces(traces).toString(),
                "-dedicated",
                DEDICATED_JSON,
                "-rows-per-row-group",
                "60",
                "-bloom-shard-bytes",
                "16"));
    assertThat(w.exitCode()).as(w.output()).isZero();
    assertThat(w.output())
        .contains("write-block: " + TRACES + " traces, 6 row groups, 27 bloom shards");
    // The checker passes on parquet-go's own output, so it is not tuned to Vivace's writer.
    GoProgram.Result c = checkBlock(goBlock, writeTraces(traces), writeAbsent(ABSENT));
    assertThat(c.exitCode()).as(c.output()).isZero();

    LocalObjectStore store = LocalObjectStore.of(store());
    BlockMeta meta = BlockMetaJson.parse(store.get(TENANT + "/" + goBlock + "/meta.json"));
    assertThat(meta.dedicatedColumns()).isEqualTo(DEDICATED);
    assertThat(meta.totalObjects()).isEqualTo(traces.size());
    VParquet4BlockReader fromGo = VParquet4BlockReader.of(store, meta);
    UUID vivaceBlock = UUID.randomUUID();
    VParquet4BlockReader fromVivace = VParquet4BlockReader.of(store, writeWithVivace(vivaceBlock));
    for (int i = 0; i < traces.size(); i++) {
      BlockTrace t = traces.get(i);
      List<ResourceSpans> read = fromGo.find(t.traceId()).fragments();
      assertThat(Normalized.of(t.traceId(), read))
          .as("trace %s", t.traceId().toHex())
          .isEqualTo(Normalized.of(t.traceId(), t.batches()));
      if (i % 5 == 0) { // a sample, to keep the run short: the same OTLP, in the same order
        assertThat(read)
            .as("trace %s", t.traceId().toHex())
            .isEqualTo(fromVivace.find(t.traceId()).fragments());
      }
    }
    for (String absent : ABSENT) {
      assertThat(fromGo.find(TraceId.parse(absent)).fragments()).as(absent).isEmpty();
    }
  }

  private Path store() {
    return dir.resolve("store");
  }

  private BlockMeta writeWithVivace(UUID blockId) {
    return VParquet4BlockWriter.builder(LocalObjectStore.of(store()))
        .dedicatedColumns(DEDICATED)
        .rowGroupSizeBytes(20_000)
        .bloomShardSizeBytes(16)
        .tempDir(dir)
        .build()
        .write(TENANT, blockId, traces);
  }

  private GoProgram.Result checkBlock(
      UUID blockId, Path tracesFile, Path absentFile, String... flags) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check-block",
                "-root",
                store().toString(),
                "-tenant",
                TENANT,
                "-block",
                blockId.toString(),
                "-traces",
                tracesFile.toString(),
                "-absent",
                absentFile.toString()));
    args.addAll(List.of(flags));
    GoProgram.Result r = go.run(args);
    System.out.println(r.output());
    return r;
  }

  private Path writeTraces(List<BlockTrace> list) throws IOException {
    Path file = Files.createTempFile(dir, "traces-", ".otlp");
    try (OutputStream out = Files.newOutputStream(file)) {
      for (BlockTrace t : list) {
        TracesData.newBuilder().addAllResourceSpans(t.batches()).build().writeDelimitedTo(out);
      }
    }
    return file;
  }

  private Path writeAbsent(List<String> ids) throws IOException {
    Path file = Files.createTempFile(dir, "absent-", ".txt");
    Files.writeString(file, ids.stream().collect(Collectors.joining("\n", "", "\n")));
    return file;
  }
}
