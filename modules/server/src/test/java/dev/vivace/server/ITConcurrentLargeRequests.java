package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.tempopb.Trace;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forty clients send requests of 18 MB after gzip inflation (under the 20 MiB limit) at once, as
 * many exporters would after an outage, to a Vivace process with a 2 GiB heap. Decoded together
 * they would need several times that. Requests that do not fit are refused at once with 503 and
 * Retry-After, the clients retry as OTLP exporters do, the process never runs out of memory and
 * keeps answering {@code /ready}, and in the end every span of every request is found exactly once.
 * The ingestion rate limit and the trace size limit are off: they would refuse these requests after
 * decoding them, and this test is about the memory they take before that.
 */
class ITConcurrentLargeRequests {

  static final int CLIENTS = 40;
  static final int SPANS = 9_000;
  static final int ATTRIBUTE_BYTES = 1_900;
  static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  @TempDir Path dir;
  Process process;

  @AfterEach
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  static String traceId(int client) {
    byte[] id = new byte[16];
    id[0] = 0x42;
    id[14] = (byte) (client >> 8);
    id[15] = (byte) client;
    return HexFormat.of().formatHex(id);
  }

  static ByteString spanId(int client, int span) {
    return ByteString.fromHex(String.format("%08x%08x", client + 1, span + 1));
  }

  /** One trace of {@link #SPANS} spans, about 18 MB encoded, gzip-compressed. */
  static byte[] request(int client) throws IOException {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    // Payloads that compress as real ones do, about 4:3, not a thousand to one.
    Random random = new Random(client);
    char[] value = new char[ATTRIBUTE_BYTES];
    ByteString trace = ByteString.fromHex(traceId(client));
    for (int i = 0; i < SPANS; i++) {
      for (int j = 0; j < value.length; j++) {
        value[j] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      }
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(trace)
              .setSpanId(spanId(client, i))
              .setName("op-" + (i % 50))
              .setStartTimeUnixNano(1_700_000_000_000_000_000L + i)
              .setEndTimeUnixNano(1_700_000_000_001_000_000L + i)
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("payload")
                      .setValue(AnyValue.newBuilder().setStringValue(new String(value)))));
    }
    byte[] message =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
            .build()
            .toByteArray();
    assertThat(message.length).isBetween(17_000_000, 20 * 1024 * 1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(message);
    }
    return out.toByteArray();
  }

  void start(int queryPort, int httpPort) throws IOException {
    Path config =
        ProcessConfig.queryPort(queryPort)
            .otlpGrpc(ITVivaceProcess.freePort())
            .otlpHttp(httpPort)
            .section("ingester", "trace_idle_period: 500ms", "flush_check_period: 200ms")
            .section(
                "overrides",
                "defaults:",
                "  ingestion: { rate_limit_bytes: 0, burst_size_bytes: 0 }",
                "  global: { max_bytes_per_trace: 0 }")
            .localStorage(dir.resolve("wal"), dir.resolve("blocks"))
            .write(dir.resolve("vivace.yaml"));
    process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                Path.of("target", "vivace.jar").toAbsolutePath().toString(),
                "-config.file=" + config)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("vivace.log").toFile())
            .start();
    WebClient query = WebClient.of("http://127.0.0.1:" + queryPort);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> query.get("/ready").aggregate().join().status().code() == 200);
  }

  @Test
  void everyRequestIsStoredOnceAndRefusalsCarryARetryHint() throws Exception {
    int queryPort = ITVivaceProcess.freePort();
    int httpPort = ITVivaceProcess.freePort();
    start(queryPort, httpPort);
    List<byte[]> bodies = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      bodies.add(request(c));
    }
    WebClient otlp =
        WebClient.builder("http://127.0.0.1:" + httpPort)
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    WebClient query =
        WebClient.builder("http://127.0.0.1:" + queryPort)
            .responseTimeout(Duration.ofSeconds(60))
            .maxResponseLength(0)
            .build();
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    AtomicInteger refusalsWithoutHint = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicLong slowestReadyMillis = new AtomicLong();
    AtomicInteger readyFailures = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      Future<?> probe =
          clients.submit(
              () -> {
                while (sending.get()) {
                  long start = System.nanoTime();
                  try {
                    if (query.get("/ready").aggregate().join().status().code() != 200) {
                      readyFailures.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    readyFailures.incrementAndGet();
                  }
                  slowestReadyMillis.accumulateAndGet(
                      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                  Thread.sleep(100);
                }
                return null;
              });
      List<Future<Integer>> sent = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        byte[] body = bodies.get(c);
        sent.add(clients.submit(() -> exportWithRetries(otlp, body, answers, refusalsWithoutHint)));
      }
      List<Integer> last = new ArrayList<>();
      for (Future<Integer> f : sent) {
        last.add(f.get(10, TimeUnit.MINUTES));
      }
      sending.set(false);
      probe.get(1, TimeUnit.MINUTES);
      System.out.printf(
          "40 concurrent 18 MB requests, 2 GiB heap: answers %s, slowest /ready %d ms,"
              + " /ready failures %d%n",
          answers, slowestReadyMillis.get(), readyFailures.get());
      assertThat(Files.readString(dir.resolve("vivace.log"))).doesNotContain("OutOfMemoryError");
      assertThat(process.isAlive()).as("the process is still running").isTrue();
      assertThat(last).as("each client's last answer").containsOnly(200);
      assertThat(readyFailures.get()).isZero();
    } finally {
      clients.shutdownNow();
    }

    assertThat(answers.keySet()).containsOnly("200", "503");
    assertThat(refusalsWithoutHint.get()).isZero();
    // A liveness bound, not a speed target: the process kept answering while it was loaded.
    assertThat(slowestReadyMillis.get()).isLessThan(TimeUnit.SECONDS.toMillis(30));

    for (int c = 0; c < CLIENTS; c++) {
      AggregatedHttpResponse res =
          query
              .execute(
                  RequestHeaders.builder(HttpMethod.GET, "/api/traces/" + traceId(c))
                      .add("accept", "application/protobuf")
                      .build())
              .aggregate()
              .join();
      assertThat(res.status().code()).as("trace of client %d", c).isEqualTo(200);
      List<ByteString> returned = new ArrayList<>();
      Trace.parseFrom(res.content().array())
          .getResourceSpansList()
          .forEach(
              rs ->
                  rs.getScopeSpansList()
                      .forEach(ss -> ss.getSpansList().forEach(s -> returned.add(s.getSpanId()))));
      Set<ByteString> expected = new HashSet<>();
      for (int i = 0; i < SPANS; i++) {
        expected.add(spanId(c, i));
      }
      assertThat(returned).as("trace of client %d", c).hasSize(SPANS);
      assertThat(new HashSet<>(returned)).as("trace of client %d", c).isEqualTo(expected);
    }
  }

  /**
   * Sends one request as an OTLP exporter does: 503 and 429 are retried after the server's
   * Retry-After; anything else ends it. Connection failures count as answers too.
   */
  static int exportWithRetries(
      WebClient otlp,
      byte[] body,
      Map<String, AtomicInteger> answers,
      AtomicInteger refusalsWithoutHint)
      throws InterruptedException {
    for (int attempt = 1; attempt <= 300; attempt++) {
      AggregatedHttpResponse res;
      try {
        res =
            otlp.execute(
                    HttpRequest.of(
                        RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                            .contentType(MediaType.parse("application/x-protobuf"))
                            .add("content-encoding", "gzip")
                            .build(),
                        HttpData.wrap(body)))
                .aggregate()
                .join();
      } catch (RuntimeException e) {
        answers
            .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
            .incrementAndGet();
        return -1;
      }
      int code = res.status().code();
      answers.computeIfAbsent(Integer.toString(code), k -> new AtomicInteger()).incrementAndGet();
      if (code != 503 && code != 429) {
        return code;
      }
      String retryAfter = res.headers().get("retry-after");
      if (retryAfter == null) {
        refusalsWithoutHint.incrementAndGet();
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter == null ? 1 : Long.parseLong(retryAfter)));
    }
    return 503;
  }
}
