package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.tempopb.Trace;
import dev.vivace.testing.otlp.OtlpRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While traces move from memory into blocks (every 100 ms here), concurrent lookups must always
 * return every span of each trace, each exactly once.
 */
class LookupDuringFlushTest {

  @TempDir Path data;

  @Test
  void everyLookupSeesEachSpanExactlyOnce() throws Exception {
    VivaceServer server =
        VivaceServer.create(
            InProcess.config(data)
                .with(ConfigKeys.TRACE_IDLE_PERIOD, Duration.ofMillis(50))
                .with(ConfigKeys.MAX_BLOCK_DURATION, Duration.ofMillis(100))
                .with(ConfigKeys.FLUSH_CHECK_PERIOD, Duration.ofMillis(50)));
    server.start();
    try {
      BlockingWebClient otlp = BlockingWebClient.of("http://127.0.0.1:" + server.otlpHttpPort());
      BlockingWebClient query = BlockingWebClient.of("http://127.0.0.1:" + server.queryPort());
      List<String> traces = new ArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger lookups = new AtomicInteger();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      List<String> published = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        Thread t =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    List<String> snapshot;
                    synchronized (published) {
                      snapshot = new ArrayList<>(published);
                    }
                    for (String id : snapshot) {
                      int spans = spans(query, id, problems);
                      lookups.incrementAndGet();
                      if (spans != 3) {
                        problems.add(id + ": " + spans + " spans");
                      }
                    }
                  }
                });
        t.start();
        readers.add(t);
      }
      for (int i = 0; i < 60; i++) {
        String id = String.format("%032x", 0xABC000L + i);
        otlp.execute(
            RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                .contentType(MediaType.parse("application/x-protobuf"))
                .build(),
            request(id, 3).toByteArray());
        traces.add(id);
        published.add(id);
        Thread.sleep(20);
      }
      // Keep looking up until enough lookups overlapped enough flushes, however slow the machine.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> lookups.get() > 200 && server.flushedBlocksForTest() > 3);
      stop.set(true);
      for (Thread t : readers) {
        t.join(TimeUnit.SECONDS.toMillis(30));
      }
      assertThat(problems).isEmpty();
      assertThat(lookups.get()).isGreaterThan(200);
      assertThat(server.flushedBlocksForTest()).isGreaterThan(3);
    } finally {
      server.close();
    }
  }

  static int spans(BlockingWebClient query, String id, ConcurrentLinkedQueue<String> problems) {
    AggregatedHttpResponse res =
        query.execute(
            RequestHeaders.builder(HttpMethod.GET, "/api/traces/" + id)
                .add("accept", "application/protobuf")
                .build());
    if (res.status().code() != 200) {
      problems.add(id + ": status " + res.status().code());
      return -1;
    }
    try {
      List<ByteString> ids = spanIds(Trace.parseFrom(res.content().array()));
      if (ids.stream().distinct().count() != ids.size()) {
        problems.add(id + ": duplicate spans");
      }
      return ids.size();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      problems.add(id + ": " + e);
      return -1;
    }
  }

  /** Returns the span IDs of {@code trace}, in order. */
  static List<ByteString> spanIds(Trace trace) {
    List<ByteString> ids = new ArrayList<>();
    trace
        .getResourceSpansList()
        .forEach(
            rs ->
                rs.getScopeSpansList()
                    .forEach(ss -> ss.getSpansList().forEach(s -> ids.add(s.getSpanId()))));
    return ids;
  }

  /** One request holding {@code spans} spans of trace {@code traceHex}. */
  static ExportTraceServiceRequest request(String traceHex, int spans) {
    ByteString traceId = OtlpRequests.traceId(traceHex);
    List<Span> list = new ArrayList<>();
    for (int i = 0; i < spans; i++) {
      long spanId = ((long) traceHex.hashCode() << 32) | (i + 1);
      list.add(OtlpRequests.span(traceId, OtlpRequests.spanId(spanId), "span-" + i).build());
    }
    return OtlpRequests.request("pipeline", list);
  }
}
