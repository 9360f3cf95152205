package dev.vivace.benchmarks;

import dev.vivace.block.BlockTrace;
import dev.vivace.load.SampleTraces;
import dev.vivace.trace.TraceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Benchmark data: the load tool's realistic traces, as complete traces sorted for a block. */
final class Fixtures {

  private Fixtures() {}

  /** Returns {@code count} traces of {@code seed} (no 1,000+ span traces), sorted by trace ID. */
  static List<BlockTrace> sortedTraces(long seed, int count) {
    SampleTraces sample = SampleTraces.of(seed, 0);
    List<BlockTrace> traces = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SampleTraces.Trace t = sample.trace(i);
      traces.add(new BlockTrace(TraceId.of(t.traceIdBytes()), t.batches()));
    }
    traces.sort(Comparator.comparing(t -> t.traceId().toByteArray(), Arrays::compareUnsigned));
    return traces;
  }

  static int spanCount(List<BlockTrace> traces) {
    int n = 0;
    for (BlockTrace t : traces) {
      for (var rs : t.batches()) {
        for (var ss : rs.getScopeSpansList()) {
          n += ss.getSpansCount();
        }
      }
    }
    return n;
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
