package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpRequestWriter;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution ({@code target/vivace.jar}) as a separate process, as users start it:
 * the curl round-trip script against it, request logs without bodies, and a graceful SIGTERM.
 */
class ITVivaceProcess {

  @TempDir Path dir;
  Process process;
  Path log;
  int queryPort;
  int httpPort;

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @BeforeEach
  void start() throws Exception {
    queryPort = freePort();
    httpPort = freePort();
    int grpcPort = freePort();
    Path config =
        ProcessConfig.queryPort("${QUERY_PORT}")
            .server("log_level: debug")
            .server("graceful_shutdown_timeout: 20s")
            .otlpGrpc(grpcPort)
            .otlpHttp(httpPort)
            .localStorage(dir.resolve("wal"), dir.resolve("blocks"))
            .write(dir.resolve("vivace.yaml"));
    log = dir.resolve("vivace.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "vivace.jar").toAbsolutePath().toString(),
                "-config.file=" + config,
                "-config.expand-env=true")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("QUERY_PORT", Integer.toString(queryPort));
    process = pb.start();
    BlockingWebClient client = BlockingWebClient.of("http://127.0.0.1:" + queryPort);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> client.get("/ready").status().code() == 200);
  }

  @AfterEach
  void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void curlRoundTripThenGracefulStop() throws Exception {
    Path script = Path.of("src", "test", "scripts", "otlp-json-roundtrip.sh").toAbsolutePath();
    ProcessBuilder curlBuilder =
        new ProcessBuilder("bash", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("curl.log").toFile());
    curlBuilder.environment().put("OTLP_HTTP_URL", "http://127.0.0.1:" + httpPort);
    curlBuilder.environment().put("QUERY_URL", "http://127.0.0.1:" + queryPort);
    Process curl = curlBuilder.start();
    curl.getOutputStream().close();
    assertThat(curl.waitFor()).as(Files.readString(dir.resolve("curl.log"))).isEqualTo(0);
    assertThat(Files.readString(dir.resolve("curl.log"))).contains("roundtrip OK");

    // A request still uploading when SIGTERM arrives is finished, then the process exits 0.
    String marker = "body-marker-" + System.nanoTime();
    byte[] first =
        ("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":"
                + "{\"stringValue\":\""
                + marker
                + "\"}}]},\"scopeSpans\":[]}]")
            .getBytes(StandardCharsets.UTF_8);
    byte[] last = "}".getBytes(StandardCharsets.UTF_8);
    HttpRequestWriter upload =
        HttpRequest.streaming(
            RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                .contentType(MediaType.JSON)
                .build());
    CompletableFuture<AggregatedHttpResponse> inFlight =
        WebClient.of("http://127.0.0.1:" + httpPort).execute(upload).aggregate();
    upload.write(HttpData.wrap(first));
    Thread.sleep(300);
    process.destroy(); // SIGTERM
    Thread.sleep(500);
    upload.write(HttpData.wrap(last));
    upload.close();
    assertThat(inFlight.get(20, TimeUnit.SECONDS).status().code()).isEqualTo(200);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(0);

    String output = Files.readString(log);
    assertThat(output).contains("Stopping: finishing in-flight requests").contains("Stopped");
    // Request logs are written (debug level here) but never hold bodies.
    assertThat(output)
        .contains("/v1/traces")
        .doesNotContain(marker)
        .doesNotContain("GET /roundtrip");
  }
}
