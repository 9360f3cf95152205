package dev.vivace.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the local distribution (modules/server/target) exactly as the image does: the Dockerfile's
 * ENTRYPOINT and CMD with image paths mapped to the files they are copied from, the image's ENV,
 * and the rest of the configuration from VIVACE_* environment variables only. Then ingests a span,
 * reads it back, checks the metrics deploy/README.md talks about, flushes, and stops with SIGTERM.
 */
class ITImageEntrypoint {

  static final Pattern METRIC = Pattern.compile("\\b((?:vivace|tempo)_[a-z0-9_]+)\\b");

  @TempDir Path dir;
  Process process;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void imageCommandServesAndStopsGracefully() throws Exception {
    int query = freePort();
    int grpc = freePort();
    int otlpHttp = freePort();
    List<String> command =
        Image.localCommand(Path.of(System.getProperty("java.home"), "bin", "java"));
    assertThat(command).contains("-jar", Repo.SERVER_TARGET.resolve("vivace.jar").toString());
    Path log = dir.resolve("vivace.log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(Files.createDirectories(dir.resolve("workdir")).toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.remove("JAVA_TOOL_OPTIONS");
    env.putAll(Image.FILE.runtime().env());
    env.put("VIVACE_SERVER_HTTP_LISTEN_PORT", Integer.toString(query));
    env.put("VIVACE_DISTRIBUTOR_RECEIVERS_OTLP_PROTOCOLS_GRPC_ENDPOINT", "127.0.0.1:" + grpc);
    env.put("VIVACE_DISTRIBUTOR_RECEIVERS_OTLP_PROTOCOLS_HTTP_ENDPOINT", "127.0.0.1:" + otlpHttp);
    env.put("VIVACE_STORAGE_TRACE_WAL_PATH", dir.resolve("wal").toString());
    env.put("VIVACE_STORAGE_TRACE_LOCAL_PATH", dir.resolve("blocks").toString());
    env.put("VIVACE_SERVER_GRACEFUL_SHUTDOWN_TIMEOUT", "10s");
    process = pb.start();

    String base = "http://127.0.0.1:" + query;
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .failFast("vivace exited; log:\n" + log, () -> !process.isAlive())
        .until(() -> get(base + "/ready").statusCode() == 200);

    // One span over OTLP/HTTP, read back through the query API.
    String traceId = "5b8efff798038103d269b633813fc60c";
    long now = System.currentTimeMillis() * 1_000_000L;
    String span =
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            + "\"value\":{\"stringValue\":\"deploy-test\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
            + traceId
            + "\",\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"image-entrypoint\",\"kind\":2,"
            + "\"startTimeUnixNano\":\""
            + now
            + "\",\"endTimeUnixNano\":\""
            + (now + 1_000_000)
            + "\"}]}]}]}";
    HttpResponse<String> pushed =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + otlpHttp + "/v1/traces"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(span))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
    HttpResponse<String> trace = get(base + "/api/traces/" + traceId);
    assertThat(trace.statusCode()).isEqualTo(200);
    assertThat(trace.body()).contains("image-entrypoint");

    HttpResponse<String> flushed =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/flush"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(flushed.statusCode()).as(flushed.body()).isEqualTo(204);

    // Every metric deploy/README.md names is served on /metrics.
    String metrics = get(base + "/metrics").body();
    Set<String> documented = new TreeSet<>();
    Matcher m = METRIC.matcher(Repo.read(Repo.DEPLOY.resolve("README.md")));
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).isNotEmpty();
    for (String name : documented) {
      assertThat(metrics)
          .as("metric %s named in deploy/README.md", name)
          .containsPattern("(?m)^" + name + "[{ ]");
    }
    assertThat(metrics)
        .containsPattern("(?m)^vivace_ingester_blocks_flushed_total(\\{[^}]*})? [1-9]");

    process.destroy(); // SIGTERM, as the kubelet sends it
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("Stopped");
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
