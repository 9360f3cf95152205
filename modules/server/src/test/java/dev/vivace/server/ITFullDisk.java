package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.tempopb.Trace;
import dev.vivace.testing.otlp.OtlpRequests;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log's disk fills up: Vivace answers 503 (nothing acknowledged is lost), says so
 * in its log, keeps flushing blocks to storage on another disk, which frees the log's disk, and
 * accepts spans again without a restart. The log lives on an 8 MiB tmpfs mounted in a private mount
 * namespace ({@code unshare}), so no privileges are needed beyond user namespaces.
 */
class ITFullDisk {

  @TempDir Path dir;

  @Test
  void fullWriteAheadLogDiskRefusesThenRecovers() throws Exception {
    int queryPort = ITVivaceProcess.freePort();
    int httpPort = ITVivaceProcess.freePort();
    Path wal = Files.createDirectories(dir.resolve("wal"));
    Path config =
        ProcessConfig.queryPort(queryPort)
            .otlpHttp(httpPort)
            .section(
                "ingester",
                "trace_idle_period: 200ms",
                "max_block_duration: 500ms",
                "flush_check_period: 200ms")
            .section("overrides", "defaults:", "  ingestion: { rate_limit_bytes: 0 }")
            .localStorage(wal, dir.resolve("blocks"))
            .write(dir.resolve("vivace.yaml"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = Path.of("target", "vivace.jar").toAbsolutePath().toString();
    Process process =
        new ProcessBuilder(
                "unshare",
                "-rm",
                "sh",
                "-c",
                "mount -t tmpfs -o size=8m tmpfs \"$0\" && exec \"$1\" -Xmx512m -jar \"$2\""
                    + " -config.file=\"$3\"",
                wal.toString(),
                java,
                jar,
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("vivace.log").toFile())
            .start();
    try {
      BlockingWebClient query = BlockingWebClient.of("http://127.0.0.1:" + queryPort);
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> query.get("/ready").status().code() == 200);
      BlockingWebClient otlp = BlockingWebClient.of("http://127.0.0.1:" + httpPort);

      List<ExportTraceServiceRequest> acked = new ArrayList<>();
      int refused = 0;
      int acceptedAfterRefusal = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      for (int i = 0; System.nanoTime() < deadline && acceptedAfterRefusal < 20; i++) {
        ExportTraceServiceRequest req = request(i);
        AggregatedHttpResponse res =
            otlp.execute(
                RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                    .contentType(MediaType.parse("application/x-protobuf"))
                    .build(),
                req.toByteArray());
        if (res.status().code() == 200) {
          acked.add(req);
          if (refused > 0) {
            acceptedAfterRefusal++;
          }
        } else {
          assertThat(res.status().code()).isEqualTo(503);
          refused++;
          Thread.sleep(50);
        }
      }
      System.out.printf(
          "full disk: %d requests acknowledged, %d refused with 503, then %d accepted" + " again%n",
          acked.size(), refused, acceptedAfterRefusal);
      assertThat(refused).as("the 8 MiB disk filled up").isPositive();
      assertThat(acceptedAfterRefusal).as("ingest recovered without a restart").isEqualTo(20);
      assertThat(Files.readString(dir.resolve("vivace.log")))
          .contains("Write-ahead log append failed")
          .contains("No space left on device");

      for (ExportTraceServiceRequest req : acked) {
        Span first = req.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        String traceId = HexFormat.of().formatHex(first.getTraceId().toByteArray());
        AggregatedHttpResponse res =
            query.execute(
                RequestHeaders.builder(HttpMethod.GET, "/api/traces/" + traceId)
                    .add("accept", "application/protobuf")
                    .build());
        assertThat(res.status().code()).as(traceId).isEqualTo(200);
        Trace trace = Trace.parseFrom(res.content().array());
        assertThat(trace.getResourceSpans(0).getScopeSpans(0).getSpansCount())
            .isEqualTo(req.getResourceSpans(0).getScopeSpans(0).getSpansCount());
      }
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** About 64 KiB of spans in one new trace. */
  static ExportTraceServiceRequest request(int n) {
    ByteString traceId = OtlpRequests.traceId(0xFD, n + 1);
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      spans.add(
          OtlpRequests.span(
                  traceId, OtlpRequests.spanId(((long) (n + 1) << 32) | (i + 1)), "span-" + i)
              .addAttributes(OtlpRequests.attribute("payload", ("x" + n + "-" + i).repeat(500)))
              .build());
    }
    return OtlpRequests.request("full-disk", spans);
  }
}
