package dev.vivace.ingest.otlp;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.testing.go.GoProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every refusal of OTLP/gRPC as grpc-go reads it, through the generated OTLP client the
 * OpenTelemetry Collector's exporter uses ({@code src/test/go}): the code as sent, and RetryInfo
 * for RESOURCE_EXHAUSTED. A stream that is not ended by its trailers reads as {@code Internal}
 * here, which the Collector drops instead of retrying.
 */
class ITGrpcGoClient {

  @RegisterExtension static final StatusCodesServer server = new StatusCodesServer();

  static GoProgram client;

  @BeforeAll
  static void buildClient() throws Exception {
    Path module =
        Path.of(
            requireNonNull(
                System.getProperty("ingest-otlp.goModuleDir"),
                "system property ingest-otlp.goModuleDir (set by failsafe)"));
    Path build =
        Path.of(
            requireNonNull(
                System.getProperty("ingest-otlp.buildDir"),
                "system property ingest-otlp.buildDir (set by failsafe)"));
    client =
        GoProgram.build(module, build.resolve("go-bin").resolve("otlp-grpc-client"), "-DskipITs");
  }

  static String export(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("-addr", "127.0.0.1:" + server.httpPort()));
    all.addAll(List.of(args));
    GoProgram.Result r = client.run(all);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output().strip();
  }

  @Test
  void acceptedExportIsOk() throws Exception {
    assertThat(export("-tenant", "t1")).startsWith("code=OK retry=- ");
  }

  @Test
  void missingTenantIsUnauthenticated() throws Exception {
    assertThat(export()).startsWith("code=Unauthenticated retry=- message=");
  }

  @Test
  void invalidSpanIdIsInvalidArgument() throws Exception {
    assertThat(export("-tenant", "t1", "-span-id-bytes", "4"))
        .startsWith("code=InvalidArgument retry=- message=")
        .contains("span ids must be 64 bit");
  }

  @Test
  void rateLimitedIsResourceExhaustedWithRetryInfo() throws Exception {
    assertThat(export("-tenant", StatusCodesServer.LIMITED))
        .startsWith(
            "code=ResourceExhausted retry="
                + StatusCodesServer.RETRY_AFTER.toSeconds()
                + " message=RATE_LIMITED: ");
  }

  @Test
  void storageFailureIsUnavailable() throws Exception {
    assertThat(export("-tenant", StatusCodesServer.DOWN))
        .startsWith("code=Unavailable retry=- message=")
        .contains("retry later");
  }
}
