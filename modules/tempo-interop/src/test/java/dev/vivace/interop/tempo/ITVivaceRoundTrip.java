package dev.vivace.interop.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.local.LocalObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style round trip through Vivace alone: for several seeds, generated traces (every
 * attribute type, arrays and kvlists, events, links, dropped counts, trace state, unicode, empty
 * strings, many resources and scopes, shared and broken parent chains) are written as a block with
 * small row groups and many bloom shards, and each one reads back equal up to Tempo's
 * normalisations (modules/block-parquet/README.md).
 */
class ITVivaceRoundTrip {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1L, 7L, 42L, 1_000_003L, 20261129L})
  void generatedTracesRoundTrip(long seed) {
    List<BlockTrace> traces = new InteropTraces(seed).generate(150);
    LocalObjectStore store = LocalObjectStore.of(dir.resolve("store"));
    BlockMeta meta =
        VParquet4BlockWriter.builder(store)
            .rowGroupSizeBytes(15_000)
            .bloomShardSizeBytes(16)
            .tempDir(dir)
            .build()
            .write("t", UUID.randomUUID(), traces);
    assertThat(meta.totalRecords()).isGreaterThan(1);
    VParquet4BlockReader reader = VParquet4BlockReader.of(store, meta);
    for (BlockTrace t : traces) {
      assertThat(Normalized.of(t.traceId(), reader.find(t.traceId()).fragments()))
          .as("seed %d, trace %s", seed, t.traceId().toHex())
          .isEqualTo(Normalized.of(t.traceId(), t.batches()));
    }
  }
}
