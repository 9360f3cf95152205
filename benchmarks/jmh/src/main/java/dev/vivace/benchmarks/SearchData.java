package dev.vivace.benchmarks;

import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.load.SampleTraces;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.trace.TraceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The search benchmark's data: blocks of the load tool's traces (seed {@value #SEED}), written by
 * the block writer the server uses into a local backend directory, {@value #TRACES_PER_BLOCK}
 * traces a block, as an ingester cutting blocks of that many traces would. Written once and reused.
 */
final class SearchData {

  static final String TENANT = "bench";
  static final long SEED = 42;
  static final int TRACES_PER_BLOCK = 20_000;

  /** The first second of the generated traces (the load tool's base time). */
  static final long BASE_SECONDS = 1_700_000_000L;

  private SearchData() {}

  /** Writes blocks holding at least {@code spans} spans into {@code dir}, unless it has blocks. */
  static void ensure(Path dir, long spans) throws IOException {
    Path tenant = dir.resolve(TENANT);
    if (Files.isDirectory(tenant)) {
      try (Stream<Path> blocks = Files.list(tenant)) {
        if (blocks.anyMatch(b -> Files.exists(b.resolve("meta.json")))) {
          return;
        }
      }
    }
    Files.createDirectories(dir);
    LocalObjectStore local = LocalObjectStore.of(dir);
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(local).tempDir(dir).build();
    SampleTraces sample = SampleTraces.of(SEED, 0);
    long written = 0;
    long index = 0;
    while (written < spans) {
      List<BlockTrace> block = new ArrayList<>(TRACES_PER_BLOCK);
      for (int i = 0; i < TRACES_PER_BLOCK && written < spans; i++) {
        SampleTraces.Trace t = sample.trace(index++);
        block.add(new BlockTrace(TraceId.of(t.traceIdBytes()), t.batches()));
        written += t.spanCount();
      }
      block.sort(Comparator.comparing(t -> t.traceId().toByteArray(), Arrays::compareUnsigned));
      writer.write(TENANT, UUID.randomUUID(), block);
      System.out.printf(Locale.ROOT, "written %,d spans in %,d traces%n", written, index);
    }
  }

  /** Writes the data: {@code SearchData DIR SPANS}. */
  public static void main(String[] args) throws IOException {
    ensure(Path.of(args[0]), Long.parseLong(args[1]));
  }
}
