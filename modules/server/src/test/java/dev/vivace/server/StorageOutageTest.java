package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.server.config.ConfigKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store fails, then is slow, then recovers: ingest keeps acknowledging (the write-ahead
 * log holds the spans), queries keep finding the traces, and the blocks are written once the store
 * is back, without a restart.
 */
class StorageOutageTest {

  @TempDir Path data;

  @Test
  void noAcknowledgedSpanIsLostAndFlushingResumes() throws IOException {
    FlakyObjectStore[] flaky = new FlakyObjectStore[1];
    VivaceServer server =
        VivaceServer.create(
            InProcess.config(data)
                .with(ConfigKeys.TRACE_IDLE_PERIOD, Duration.ofMillis(100))
                .with(ConfigKeys.MAX_BLOCK_DURATION, Duration.ofMillis(200))
                .with(ConfigKeys.FLUSH_CHECK_PERIOD, Duration.ofMillis(100)),
            store -> flaky[0] = new FlakyObjectStore(store));
    server.start();
    try {
      flaky[0].down.set(true);
      List<String> traces = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        traces.add(PipelineServerTest.send(server, "during-outage-" + i));
      }
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> flaky[0].failedPuts.get() >= 2);
      for (String id : traces) {
        assertThat(PipelineServerTest.spans(server, id)).isEqualTo(2);
      }
      assertThat(walFiles()).isPositive();

      // Slow but working: flushes take longer, nothing fails.
      flaky[0].slowMillis.set(300);
      flaky[0].down.set(false);
      traces.add(PipelineServerTest.send(server, "while-slow"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          // A block's temporary files vanish while the directory is walked.
          .ignoreExceptionsInstanceOf(UncheckedIOException.class)
          .until(
              () ->
                  metaFiles() > 0
                      && PipelineServerTest.spans(server, traces.get(traces.size() - 1)) == 2
                      && walFiles() == 0);
      flaky[0].slowMillis.set(0);
      for (String id : traces) {
        assertThat(PipelineServerTest.spans(server, id)).as(id).isEqualTo(2);
      }
    } finally {
      server.close();
    }
  }

  long metaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve("blocks"))) {
      return files.filter(f -> f.getFileName().toString().equals("meta.json")).count();
    }
  }

  long walFiles() throws IOException {
    try (Stream<Path> files = Files.list(data.resolve("wal"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".wal")).count();
    }
  }
}
