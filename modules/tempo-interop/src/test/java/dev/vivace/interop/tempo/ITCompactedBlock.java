package dev.vivace.interop.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.DedicatedColumn;
import dev.vivace.block.lifecycle.Compactor;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.go.GoProgram;
import dev.vivace.trace.TraceCombiner;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block Vivace's compactor wrote, from three blocks that share and split traces, passes Tempo's
 * Go stack: every merged trace is found by ID and its row is what Tempo would write for it.
 */
class ITCompactedBlock {

  private static final String TENANT = "interop";
  private static final List<DedicatedColumn> DEDICATED =
      List.of(DedicatedColumn.resource("ip"), DedicatedColumn.span("http.route"));
  private static final int TRACES = 240;

  @TempDir Path dir;

  @Test
  void tempoStackReadsACompactedBlock() throws Exception {
    List<BlockTrace> traces = new InteropTraces(7L).generate(TRACES);
    LocalObjectStore store = LocalObjectStore.of(dir.resolve("store"));
    VParquet4BlockWriter writer =
        VParquet4BlockWriter.builder(store)
            .dedicatedColumns(DEDICATED)
            .rowGroupSizeBytes(20_000)
            .bloomShardSizeBytes(16)
            .tempDir(dir)
            .build();
    // Block k holds the resources of each trace whose index is k modulo 3, and every fourth
    // trace whole: traces are split over blocks, and some are in several.
    List<BlockMeta> inputs = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      List<BlockTrace> part = new ArrayList<>();
      for (int t = 0; t < traces.size(); t++) {
        BlockTrace trace = traces.get(t);
        List<ResourceSpans> batches = new ArrayList<>();
        for (int b = 0; b < trace.batches().size(); b++) {
          if (b % 3 == k || t % 4 == 0) {
            batches.add(trace.batches().get(b));
          }
        }
        if (!batches.isEmpty()) {
          part.add(new BlockTrace(trace.traceId(), batches));
        }
      }
      inputs.add(writer.write(TENANT, UUID.randomUUID(), part));
    }
    // What the output should hold: each trace's copies, as read from the inputs, combined.
    List<BlockTrace> expected = new ArrayList<>();
    for (BlockTrace t : traces) {
      List<List<ResourceSpans>> copies = new ArrayList<>();
      for (BlockMeta in : inputs) {
        List<ResourceSpans> found =
            VParquet4BlockReader.of(store, in).find(t.traceId()).fragments();
        if (!found.isEmpty()) {
          copies.add(found);
        }
      }
      List<ResourceSpans> merged;
      if (copies.size() == 1 || copies.stream().allMatch(c -> c.equals(copies.get(0)))) {
        merged = copies.get(0);
      } else {
        List<ResourceSpans> all = new ArrayList<>();
        copies.forEach(all::addAll);
        merged = TraceCombiner.merge(all);
      }
      expected.add(new BlockTrace(t.traceId(), merged));
    }

    BlockMeta out =
        Compactor.builder(store)
            .writer(
                VParquet4BlockWriter.builder(store)
                    .rowGroupSizeBytes(20_000)
                    .bloomShardSizeBytes(16)
                    .tempDir(dir)
                    .build())
            .build()
            .compact(inputs);
    assertThat(out.totalObjects()).isEqualTo(TRACES);
    assertThat(out.totalRecords()).as("several row groups").isGreaterThan(2);

    Path tracesFile = dir.resolve("expected.otlp");
    try (OutputStream o = Files.newOutputStream(tracesFile)) {
      for (BlockTrace t : expected) {
        TracesData.newBuilder().addAllResourceSpans(t.batches()).build().writeDelimitedTo(o);
      }
    }
    Path absent = dir.resolve("absent.txt");
    Files.writeString(absent, "ffffffffffffffffffffffffffffffff\n");
    GoChecker go = GoChecker.build();
    GoProgram.Result r =
        go.run(
            List.of(
                "check-block",
                "-root",
                dir.resolve("store").toString(),
                "-tenant",
                TENANT,
                "-block",
                out.blockId().toString(),
                "-traces",
                tracesFile.toString(),
                "-absent",
                absent.toString(),
                "-compaction-level",
                "1"));
    System.out.println(r.output());
    assertThat(r.output())
        .contains("check-block: " + TRACES + " traces expected, 1 absent IDs, 0 problems");
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
