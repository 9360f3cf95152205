package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A head block three times larger than the heap (and many times larger than its spans as Java
 * objects) is built and cut in a JVM started with {@value #HEAP}: only the live traces of one round
 * and the index are on the heap, and the cut streams the traces from the file.
 */
class HeadBlockLargerThanHeapTest {

  static final String HEAP = "-Xmx32m";
  static final int ROUNDS = 48;
  static final int TRACES_PER_ROUND = 1000;
  static final int SPAN_BYTES = 1100;

  @TempDir Path dir;

  @Test
  void aHeadBlockOfThreeHeapsIsBuiltAndCutOnASmallHeap() throws IOException, InterruptedException {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    byte[] output = child.getInputStream().readAllBytes();
    // A guard against a hung child, not a measurement.
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String out = new String(output, StandardCharsets.UTF_8);

    assertThat(child.exitValue()).as(out).isZero();
    long traces = (long) ROUNDS * TRACES_PER_ROUND;
    assertThat(out).contains("traces=" + traces + " spans=" + 2 * traces + " sorted=true");
    long onDisk = Long.parseLong(out.replaceAll("(?s).*diskBytes=(\\d+).*", "$1"));
    assertThat(onDisk).isGreaterThan(3L * 32 * 1024 * 1024);
  }

  /** Runs in the small JVM: fills a head block round by round, then cuts and reads it all. */
  static final class Child {
    public static void main(String[] args) {
      MutableClock clock = new MutableClock();
      LiveTraceStore store =
          LiveTraceStore.builder()
              .clock(clock)
              .traceIdlePeriod(Duration.ofSeconds(5))
              .maxBlockDuration(Duration.ofHours(1))
              .headDirectory(Path.of(args[0]))
              .build();
      String payload = "p".repeat(SPAN_BYTES);
      for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < TRACES_PER_ROUND; i++) {
          int t = 1 + round * TRACES_PER_ROUND + i;
          store.push("t", batch(span(t, 1, payload + round), span(t, 2, payload + i)));
        }
        clock.advance(Duration.ofSeconds(5));
        store.cutIdleTraces();
      }
      List<HeadBlock> cut = store.cutBlocks(false, true);
      long traces = 0;
      long spans = 0;
      boolean sorted = true;
      TraceId previous = null;
      for (TraceFragments t : cut.get(0).traces()) {
        sorted &= previous == null || t.traceId().compareTo(previous) > 0;
        previous = t.traceId();
        traces++;
        spans += Traces.spanCount(t.batches());
      }
      System.out.println(
          "traces="
              + traces
              + " spans="
              + spans
              + " sorted="
              + sorted
              + " diskBytes="
              + store.diskBytes());
      cut.forEach(store::flushed);
    }
  }
}
