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
import dev.vivace.server.config.ConfigKeys;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forty clients send requests of 18 MB after gzip inflation at once, as many exporters would after
 * an outage, to a server on its default memory settings (ingestion rate limit off). Requests that
 * do not fit are refused at once with 503 and Retry-After, the clients retry as exporters do, the
 * server stays responsive, and in the end every request is stored exactly once.
 */
class ConcurrentLargeRequestsTest {

  static final int CLIENTS = 40;
  static final int SPANS = 900;
  static final int ATTRIBUTE_BYTES = 20_000;

  @TempDir Path data;

  static String traceId(int client) {
    byte[] id = new byte[16];
    id[0] = 0x42;
    id[14] = (byte) (client >> 8);
    id[15] = (byte) client;
    return HexFormat.of().formatHex(id);
  }

  /** One trace of {@link #SPANS} spans, about 18 MB encoded, gzip-compressed. */
  static byte[] request(int client) throws IOException {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    String big = "a".repeat(ATTRIBUTE_BYTES);
    ByteString trace = ByteString.fromHex(traceId(client));
    for (int i = 0; i < SPANS; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(trace)
              .setSpanId(ByteString.fromHex(String.format("%08x%08x", client + 1, i + 1)))
              .setName("op-" + i)
              .setStartTimeUnixNano(1_700_000_000_000_000_000L)
              .setEndTimeUnixNano(1_700_000_000_001_000_000L)
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("payload")
                      .setValue(AnyValue.newBuilder().setStringValue(big))));
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

  @Test
  void everyRequestIsStoredOnceAndRefusalsCarryARetryHint() throws Exception {
    // The rate limit is off: at its default (15 MB/s) it would refuse most of these with 429
    // after decoding them, and this test is about the memory they take before that.
    VivaceServer server =
        VivaceServer.create(InProcess.config(data).with(ConfigKeys.RATE_LIMIT_BYTES, 0L));
    server.start();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      List<byte[]> bodies = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        bodies.add(request(c));
      }
      WebClient otlp =
          WebClient.builder("http://127.0.0.1:" + server.otlpHttpPort())
              .responseTimeout(Duration.ofSeconds(60))
              .maxResponseLength(0)
              .build();
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      AtomicInteger refusalsWithoutHint = new AtomicInteger();
      AtomicBoolean sending = new AtomicBoolean(true);
      AtomicLong slowestReadyMillis = new AtomicLong();
      WebClient query = WebClient.of("http://127.0.0.1:" + server.queryPort());
      Future<?> probe =
          clients.submit(
              () -> {
                while (sending.get()) {
                  long start = System.nanoTime();
                  query.get("/ready").aggregate().join();
                  slowestReadyMillis.accumulateAndGet(
                      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                  Thread.sleep(100);
                }
                return null;
              });

      List<Future<Integer>> sent = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        byte[] body = bodies.get(c);
        sent.add(
            clients.submit(
                () -> {
                  // An exporter's retry loop: retry 503 after the delay the server asked for.
                  for (int attempt = 1; attempt <= 120; attempt++) {
                    AggregatedHttpResponse res =
                        otlp.execute(
                                HttpRequest.of(
                                    RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                                        .contentType(MediaType.parse("application/x-protobuf"))
                                        .add("content-encoding", "gzip")
                                        .build(),
                                    HttpData.wrap(body)))
                            .aggregate()
                            .join();
                    statuses
                        .computeIfAbsent(res.status().code(), k -> new AtomicInteger())
                        .incrementAndGet();
                    if (res.status().code() != 503) {
                      return res.status().code();
                    }
                    String retryAfter = res.headers().get("retry-after");
                    if (retryAfter == null) {
                      refusalsWithoutHint.incrementAndGet();
                      return 503;
                    }
                    Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(retryAfter)));
                  }
                  return 503;
                }));
      }
      for (Future<Integer> f : sent) {
        assertThat(f.get(10, TimeUnit.MINUTES)).isEqualTo(200);
      }
      sending.set(false);
      probe.get(1, TimeUnit.MINUTES);

      System.out.printf(
          "40 concurrent 18 MB requests: answers %s, slowest /ready %d ms%n",
          statuses, slowestReadyMillis.get());
      assertThat(statuses.keySet()).containsOnly(200, 503);
      assertThat(refusalsWithoutHint.get()).isZero();
      // A liveness bound, not a speed target: the server kept answering while it was loaded.
      assertThat(slowestReadyMillis.get()).isLessThan(TimeUnit.SECONDS.toMillis(30));

      // Every request's spans are found, each once.
      for (int c = 0; c < CLIENTS; c++) {
        assertThat(PipelineServerTest.spans(server, traceId(c)))
            .as("trace of client %d", c)
            .isEqualTo(SPANS);
      }
    } finally {
      clients.shutdownNow();
      server.close();
    }
  }
}
