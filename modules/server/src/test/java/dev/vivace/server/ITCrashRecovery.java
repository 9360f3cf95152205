package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.tempopb.Trace;
import dev.vivace.testing.otlp.OtlpRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills Vivace with SIGKILL under OTLP load, restarts it on the same data, and checks that every
 * span it acknowledged is returned by trace-by-ID, exactly once. Blocks are cut and flushed every
 * second; odd rounds kill at a random moment, even rounds the moment a block is half written.
 *
 * <p>Rounds: {@code -Dvivace.crash.rounds=N} (10 by default).
 */
class ITCrashRecovery {

  static final int ROUNDS = Integer.getInteger("vivace.crash.rounds", 10);
  static final int WRITERS = 4;

  @TempDir Path dir;
  final Random random = new Random(Long.getLong("vivace.crash.seed", System.nanoTime()));

  /** Acknowledged span IDs, per trace ID (hex). */
  final Map<String, Set<ByteString>> acked = new ConcurrentHashMap<>();

  final AtomicLong nextTrace = new AtomicLong(random.nextInt(1 << 20) * 1_000_000L);
  int queryPort;
  int httpPort;
  Process process;

  Process startVivace(int round) throws Exception {
    queryPort = ITVivaceProcess.freePort();
    httpPort = ITVivaceProcess.freePort();
    int grpcPort = ITVivaceProcess.freePort();
    Path config =
        ProcessConfig.queryPort(queryPort)
            .otlpGrpc(grpcPort)
            .otlpHttp(httpPort)
            .section(
                "ingester",
                "trace_idle_period: 300ms",
                "max_block_duration: 1s",
                "flush_check_period: 200ms")
            .localStorage(dir.resolve("wal"), dir.resolve("blocks"), "blocklist_poll: 1s")
            .write(dir.resolve("vivace.yaml"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                Path.of("target", "vivace.jar").toAbsolutePath().toString(),
                "-config.file=" + config)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("vivace.log").toFile()))
            .start();
    BlockingWebClient client = BlockingWebClient.of("http://127.0.0.1:" + queryPort);
    Awaitility.await("Vivace ready (round " + round + ")")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> client.get("/ready").status().code() == 200);
    return p;
  }

  /** One request: a new trace, or more spans of a recent one, 1 to 20 spans. */
  ExportTraceServiceRequest nextRequest(Random r, List<String> recent) {
    String traceHex;
    if (!recent.isEmpty() && r.nextInt(3) == 0) {
      traceHex = recent.get(r.nextInt(recent.size()));
    } else {
      traceHex = String.format("%032x", nextTrace.incrementAndGet());
      recent.add(traceHex);
      if (recent.size() > 50) {
        recent.remove(0);
      }
    }
    ByteString traceId = OtlpRequests.traceId(traceHex);
    List<Span> spans = new ArrayList<>();
    int n = 1 + r.nextInt(20);
    for (int i = 0; i < n; i++) {
      spans.add(
          OtlpRequests.span(traceId, OtlpRequests.spanId(r.nextLong() | 1), "op-" + r.nextInt(10))
              .addAttributes(OtlpRequests.attribute("k", "v".repeat(r.nextInt(200))))
              .build());
    }
    return OtlpRequests.request("crash-test", spans);
  }

  void record(ExportTraceServiceRequest req) {
    for (Span s : req.getResourceSpans(0).getScopeSpans(0).getSpansList()) {
      acked
          .computeIfAbsent(
              java.util.HexFormat.of().formatHex(s.getTraceId().toByteArray()),
              k -> ConcurrentHashMap.newKeySet())
          .add(s.getSpanId());
    }
  }

  /** Rounds whose kill left a block without its {@code meta.json}: it was being written. */
  int killsDuringFlush;

  /**
   * Block directories holding data but no {@code meta.json}: being written, or left by a kill (a
   * restart writes those traces again as a new block).
   */
  Set<Path> halfWrittenBlocks() throws IOException {
    Path blocks = dir.resolve("blocks");
    if (!Files.isDirectory(blocks)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(blocks)) {
      return files
          .filter(f -> f.getFileName().toString().equals("data.parquet"))
          .map(Path::getParent)
          .filter(b -> !Files.exists(b.resolve("meta.json")))
          .collect(java.util.stream.Collectors.toSet());
    } catch (java.io.UncheckedIOException e) {
      // A file vanished during the walk (a temporary file renamed): look again.
      return Set.of();
    }
  }

  @Test
  void everyAcknowledgedSpanSurvivesKillNine() throws Exception {
    WebClient client = null;
    for (int round = 1; round <= ROUNDS; round++) {
      process = startVivace(round);
      client =
          WebClient.builder("http://127.0.0.1:" + httpPort)
              .responseTimeout(Duration.ofSeconds(10))
              .build();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch done = new CountDownLatch(WRITERS);
      for (int w = 0; w < WRITERS; w++) {
        WebClient c = client;
        Random r = new Random(random.nextLong());
        Thread t =
            new Thread(
                () -> {
                  List<String> recent = new ArrayList<>();
                  try {
                    while (!stop.get()) {
                      ExportTraceServiceRequest req = nextRequest(r, recent);
                      try {
                        AggregatedHttpResponse res =
                            c.execute(
                                    HttpRequest.of(
                                        RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                                            .contentType(MediaType.parse("application/x-protobuf"))
                                            .build(),
                                        HttpData.wrap(req.toByteArray())))
                                .aggregate()
                                .join();
                        if (res.status().code() == 200) {
                          record(req);
                        }
                      } catch (RuntimeException e) {
                        // The process died under the request: not acknowledged.
                      }
                    }
                  } finally {
                    done.countDown();
                  }
                });
        t.setDaemon(true);
        t.start();
      }
      Set<Path> leftBefore = halfWrittenBlocks();
      if (round % 2 == 0) {
        // Aim at a flush: kill the moment a new block has data but no meta.json yet.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until && leftBefore.containsAll(halfWrittenBlocks())) {
          Thread.onSpinWait();
        }
      } else {
        Thread.sleep(300 + random.nextInt(2000));
      }
      process.destroyForcibly(); // SIGKILL
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      if (!leftBefore.containsAll(halfWrittenBlocks())) {
        killsDuringFlush++;
      }
      stop.set(true);
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }

    process = startVivace(ROUNDS + 1);
    try {
      assertThat(acked).hasSizeGreaterThan(ROUNDS * 10);
      BlockingWebClient query = BlockingWebClient.of("http://127.0.0.1:" + queryPort);
      int checkedSpans = 0;
      for (Map.Entry<String, Set<ByteString>> e : acked.entrySet()) {
        AggregatedHttpResponse res =
            query.execute(
                RequestHeaders.builder(HttpMethod.GET, "/api/traces/" + e.getKey())
                    .add("accept", "application/protobuf")
                    .build());
        assertThat(res.status().code()).as("trace %s", e.getKey()).isEqualTo(200);
        List<ByteString> returned = new ArrayList<>();
        Trace trace = Trace.parseFrom(res.content().array());
        trace
            .getResourceSpansList()
            .forEach(
                rs ->
                    rs.getScopeSpansList()
                        .forEach(
                            ss -> ss.getSpansList().forEach(s -> returned.add(s.getSpanId()))));
        assertThat(new HashSet<>(returned)).as("trace %s", e.getKey()).containsAll(e.getValue());
        assertThat(returned).as("no duplicates in trace %s", e.getKey()).doesNotHaveDuplicates();
        checkedSpans += e.getValue().size();
      }
      assertThat(checkedSpans).isPositive();
      System.out.printf(
          "crash test: %d kills (%d in the middle of writing a block), %d traces and %d"
              + " acknowledged spans all found once%n",
          ROUNDS, killsDuringFlush, acked.size(), checkedSpans);
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
