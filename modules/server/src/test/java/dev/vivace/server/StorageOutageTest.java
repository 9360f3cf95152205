package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.tempopb.PartialStatus;
import dev.vivace.tempopb.TraceByIDResponse;
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
 * is back, without a restart. While it is down, lookups and {@code /flush} say so.
 */
class StorageOutageTest {

  @TempDir Path data;

  @Test
  void noAcknowledgedSpanIsLostAndFlushingResumes() throws IOException {
    FlakyObjectStore[] flaky = new FlakyObjectStore[1];
    VivaceServer server =
        VivaceServer.create(quickFlushes(), store -> flaky[0] = new FlakyObjectStore(store));
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

  @Test
  void lookupsSayTheyArePartialWhileStorageCannotBeRead() throws IOException {
    FlakyObjectStore[] flaky = new FlakyObjectStore[1];
    VivaceServer server =
        VivaceServer.create(
            InProcess.config(data).with(ConfigKeys.BLOCKLIST_POLL, Duration.ofMillis(100)),
            store -> flaky[0] = new FlakyObjectStore(store));
    server.start();
    try {
      BlockingWebClient query = BlockingWebClient.of("http://127.0.0.1:" + server.queryPort());
      String flushed = PipelineServerTest.send(server, "flushed");
      assertThat(query.execute(RequestHeaders.of(HttpMethod.POST, "/flush")).status().code())
          .isEqualTo(204);
      String live = PipelineServerTest.send(server, "live");

      flaky[0].readsDown.set(true);
      // Nothing but the blocklist poll reads storage until the lookups below.
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> flaky[0].failedReads.get() > 0);

      TraceByIDResponse inBlock = v2(query, flushed);
      assertThat(inBlock.getTrace().getResourceSpansCount()).isZero();
      assertThat(inBlock.getStatus()).isEqualTo(PartialStatus.PARTIAL);
      assertThat(inBlock.getMessage())
          .startsWith(
              "Some blocks could not be read, a partial trace is returned: the block list could not"
                  + " be refreshed from storage, recent blocks may be missing: StorageException:"
                  + " list : storage unavailable (injected); block ")
          .contains(" could not be read from storage: StorageException: get single-tenant/");
      AggregatedHttpResponse v1 = v1(query, flushed);
      assertThat(v1.status().code()).isEqualTo(503);
      assertThat(v1.contentUtf8())
          .startsWith("trace lookup incomplete, the trace may be in data that could not be read: ")
          .contains("storage unavailable (injected)");

      // Live traces still answer, marked partial in v2.
      TraceByIDResponse inMemory = v2(query, live);
      assertThat(inMemory.getTrace().getResourceSpans(0).getScopeSpans(0).getSpansCount())
          .isEqualTo(2);
      assertThat(inMemory.getStatus()).isEqualTo(PartialStatus.PARTIAL);
      assertThat(v1(query, live).status().code()).isEqualTo(200);
      assertThat(PipelineServerTest.spans(server, live)).isEqualTo(2);

      assertThat(v1(query, "0123456789abcdef").status().code()).isEqualTo(503);

      flaky[0].readsDown.set(false);
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> v2(query, flushed).getStatus() == PartialStatus.COMPLETE);
      assertThat(PipelineServerTest.spans(server, flushed)).isEqualTo(2);
      assertThat(v1(query, "0123456789abcdef").status().code()).isEqualTo(404);
      assertThat(query.get("/metrics").contentUtf8())
          .contains("vivace_query_block_read_failures_total{reason=\"storage\"} 1.0");
    } finally {
      server.close();
    }
  }

  @Test
  void flushNamesTheStorageFailureWithinItsTimeoutAndKeepsTheSpans() throws IOException {
    FlakyObjectStore[] flaky = new FlakyObjectStore[1];
    VivaceServer server =
        VivaceServer.create(
            InProcess.config(data), store -> flaky[0] = new FlakyObjectStore(store));
    server.start();
    try {
      // Well within the server's request timeout (30 s) and the flush's own (1 min).
      BlockingWebClient query =
          WebClient.builder("http://127.0.0.1:" + server.queryPort())
              .responseTimeout(Duration.ofSeconds(20))
              .build()
              .blocking();
      String traceId = PipelineServerTest.send(server, "unflushed");
      flaky[0].down.set(true);

      AggregatedHttpResponse flush = query.execute(RequestHeaders.of(HttpMethod.POST, "/flush"));
      assertThat(flush.status().code()).isEqualTo(503);
      assertThat(flush.contentUtf8())
          .startsWith(
              "flush did not complete: writing blocks to storage failed: StorageException: put"
                  + " single-tenant/")
          .contains(
              ": storage unavailable (injected); 1 blocks stay in their head block files and in"
                  + " the write-ahead log until they are in storage\n");
      assertThat(PipelineServerTest.spans(server, traceId)).isEqualTo(2);
      assertThat(walFiles()).isPositive();

      flaky[0].down.set(false);
      assertThat(query.execute(RequestHeaders.of(HttpMethod.POST, "/flush")).status().code())
          .isEqualTo(204);
      assertThat(metaFiles()).isEqualTo(1);
      assertThat(PipelineServerTest.spans(server, traceId)).isEqualTo(2);
    } finally {
      server.close();
    }
  }

  @Test
  void oneStorageCallInTenFailingLosesAndDuplicatesNothing() throws IOException {
    FlakyObjectStore[] flaky = new FlakyObjectStore[1];
    VivaceServer server =
        VivaceServer.create(
            quickFlushes().with(ConfigKeys.BLOCKLIST_POLL, Duration.ofMillis(200)),
            store -> flaky[0] = new FlakyObjectStore(store));
    server.start();
    List<String> traces = new ArrayList<>();
    try {
      flaky[0].failOneIn.set(10);
      for (int i = 0; i < 40; i++) {
        traces.add(PipelineServerTest.send(server, "five-xx-" + i));
      }
      // Every block reaches storage despite the failures, and the log is released.
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptionsInstanceOf(UncheckedIOException.class)
          .until(() -> walFiles() == 0 && flaky[0].failedCalls.get() > 0);
      flaky[0].failOneIn.set(0);
      System.out.printf(
          "one storage call in ten failing: %d calls, %d failed, 40 traces acknowledged%n",
          flaky[0].calls.get(), flaky[0].failedCalls.get());
      for (String id : traces) {
        assertThat(PipelineServerTest.spans(server, id)).as(id).isEqualTo(2);
      }
    } finally {
      server.close();
    }
    // From storage alone, after a restart: each acknowledged span once.
    VivaceServer restarted = VivaceServer.create(InProcess.config(data));
    restarted.start();
    try {
      for (String id : traces) {
        assertThat(PipelineServerTest.spans(restarted, id)).as(id).isEqualTo(2);
      }
    } finally {
      restarted.close();
    }
  }

  /** A configuration that cuts and writes blocks within a few hundred milliseconds. */
  VivaceConfig quickFlushes() {
    return InProcess.config(data)
        .with(ConfigKeys.TRACE_IDLE_PERIOD, Duration.ofMillis(100))
        .with(ConfigKeys.MAX_BLOCK_DURATION, Duration.ofMillis(200))
        .with(ConfigKeys.FLUSH_CHECK_PERIOD, Duration.ofMillis(100));
  }

  static TraceByIDResponse v2(BlockingWebClient query, String traceId) throws IOException {
    return TraceByIDResponse.parseFrom(
        CorruptBlockLookupTest.get(query, "/api/v2/traces/" + traceId));
  }

  static AggregatedHttpResponse v1(BlockingWebClient query, String traceId) {
    return CorruptBlockLookupTest.execute(query, "/api/traces/" + traceId);
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
