package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.server.config.ConfigKeys;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiTenantServerTest {

  static VivaceServer server;
  static BlockingWebClient query;

  @TempDir static Path data;

  @BeforeAll
  static void start() {
    server =
        VivaceServer.create(InProcess.config(data).with(ConfigKeys.MULTITENANCY_ENABLED, true));
    server.start();
    query = BlockingWebClient.of("http://127.0.0.1:" + server.queryPort());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  int status(String path, String tenant) {
    var h = RequestHeaders.builder(HttpMethod.GET, path);
    if (tenant != null) {
      h.add("X-Scope-OrgID", tenant);
    }
    return query.execute(h.build()).status().code();
  }

  @Test
  void tenantsNeverSeeEachOthersTraces() {
    String a =
        VivaceServerTest.sendTrace(
            OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + server.otlpGrpcPort())
                .addHeader("X-Scope-OrgID", "team-a")
                .build(),
            "a");
    String b =
        VivaceServerTest.sendTrace(
            OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + server.otlpHttpPort() + "/v1/traces")
                .addHeader("X-Scope-OrgID", "team-b")
                .build(),
            "b");

    assertThat(status("/api/traces/" + a, "team-a")).isEqualTo(200);
    assertThat(status("/api/traces/" + a, "team-b")).isEqualTo(404);
    assertThat(status("/api/traces/" + b, "team-b")).isEqualTo(200);
    assertThat(status("/api/traces/" + b, "team-a")).isEqualTo(404);
    assertThat(status("/api/traces/" + a, null)).isEqualTo(401);
    assertThat(
            query
                .execute(RequestHeaders.builder(HttpMethod.GET, "/api/v2/traces/" + a).build())
                .contentUtf8())
        .isEqualTo("no org id\n");
    // Service endpoints need no tenant.
    assertThat(status("/api/echo", null)).isEqualTo(200);
    assertThat(status("/ready", null)).isEqualTo(200);
  }
}
