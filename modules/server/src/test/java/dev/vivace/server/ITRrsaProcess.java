package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.testing.junit5.server.SelfSignedCertificateExtension;
import dev.vivace.tempopb.Trace;
import dev.vivace.testing.s3.S3Emulator;
import dev.vivace.testing.s3.S3EmulatorExtension;
import dev.vivace.testing.sts.IssuedCredentials;
import dev.vivace.testing.sts.OidcTokens;
import dev.vivace.testing.sts.ProjectedTokenFile;
import dev.vivace.testing.sts.RamRole;
import dev.vivace.testing.sts.StsEmulator;
import dev.vivace.testing.sts.StsEmulatorExtension;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when of the OSS/RRSA issue: the packaged server ({@code target/vivace.jar}), started
 * with only the ACK RRSA variables (no access key anywhere: not in its configuration, not in its
 * environment), writes blocks to an S3 store that accepts nothing but what the STS emulator issued,
 * and serves them back by trace ID after a restart. STS is served over HTTPS with a self-signed
 * certificate for {@code localhost} that the child trusts through the JVM's standard trust-store
 * properties; s3proxy runs on plain HTTP. The child's whole output, at debug level, must not hold
 * the OIDC token, the issued secret or the security token.
 */
class ITRrsaProcess {

  static final RamRole ROLE = RamRole.of("vivace-writer", "tracing", "vivace");
  static final String BUCKET = "traces";

  static final OidcTokens tokens = OidcTokens.generate(Clock.systemUTC());
  static final StsEmulator sts = ROLE.emulator(tokens, Clock.systemUTC());

  /** Accepts nothing but credentials the STS emulator issued, with their security token. */
  static final S3Emulator emulator = S3Emulator.builder().sts(sts).bucket(BUCKET).build();

  @RegisterExtension
  @Order(1)
  static final SelfSignedCertificateExtension cert =
      new SelfSignedCertificateExtension("localhost");

  @RegisterExtension
  @Order(2)
  static final StsEmulatorExtension stsServer = new StsEmulatorExtension(sts, cert::tlsKeyPair);

  @RegisterExtension
  @Order(3)
  static final S3EmulatorExtension s3 = new S3EmulatorExtension(emulator);

  @TempDir Path dir;
  final List<Path> logs = new ArrayList<>();
  Process process;
  int queryPort;
  int httpPort;

  /** Kills a child left running, and keeps its logs in target/ with every credential masked. */
  @AfterEach
  void kill() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    Path kept = Files.createDirectories(Path.of("target", "it-logs"));
    for (Path log : logs) {
      String output = Files.readString(log);
      for (String secret : secrets()) {
        output = output.replace(secret, "<credential>");
      }
      Files.writeString(kept.resolve("ITRrsaProcess-" + log.getFileName()), output);
    }
  }

  static List<String> secrets() {
    return RamRole.secrets(tokens, sts);
  }

  @Test
  void onlyRrsaVariablesBlocksToTheBucketAndBackByTraceIdWithoutLeakingCredentials()
      throws Exception {
    Path tokenDir = Files.createDirectories(dir.resolve("serviceaccount"));
    ProjectedTokenFile token = ProjectedTokenFile.create(tokenDir, ROLE.mint(tokens));

    start(token, "wal-1");
    String traceId =
        VivaceServerTest.sendTrace(
            OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + httpPort + "/v1/traces")
                .build(),
            "rrsa-app");
    assertThat(
            query()
                .execute(RequestHeaders.builder(HttpMethod.POST, "/flush").build())
                .status()
                .code())
        .isEqualTo(204);
    stop();

    // Virtual-hosted requests: the path is the object key.
    List<String> written =
        emulator.requests().stream()
            .filter(r -> r.method().equals("PUT") && r.status() == 200)
            .map(r -> r.pathAndQuery().substring(1))
            .collect(Collectors.toList());
    assertThat(written)
        .isNotEmpty()
        .allSatisfy(k -> assertThat(k).startsWith("rrsa/single-tenant/"));
    String block = written.get(0).split("/")[2];
    assertThat(written)
        .contains(
            "rrsa/single-tenant/" + block + "/meta.json",
            "rrsa/single-tenant/" + block + "/data.parquet");

    // A fresh write-ahead log: the trace can only come from the block in the bucket.
    start(token, "wal-2");
    assertThat(spans(traceId)).isEqualTo(2);
    stop();

    // Each process exchanged the projected token once; every request of the children was signed
    // with credentials STS issued, with their security token.
    assertThat(sts.requests()).hasSize(2);
    Set<String> issued =
        sts.issued().stream().map(IssuedCredentials::accessKeyId).collect(Collectors.toSet());
    assertThat(emulator.requests())
        .hasSizeGreaterThan(4)
        .allSatisfy(r -> assertThat(issued).contains(r.accessKeyId()))
        .allSatisfy(r -> assertThat(r.headerNames()).contains("x-amz-security-token"))
        .allSatisfy(r -> assertThat(r.status()).isLessThan(300));

    List<String> secrets = secrets();
    assertThat(secrets).as("one token, two exchanges").hasSize(5);
    for (Path log : logs) {
      String output = Files.readString(log);
      assertThat(output)
          .contains("uses credentials from Alibaba Cloud RRSA")
          .contains("blocks in s3://traces/rrsa at " + s3Host())
          .contains("DEBUG"); // the scan covers debug logging
      for (String secret : secrets) {
        assertThat(output.contains(secret))
            .as("%s holds a credential of %d characters", log.getFileName(), secret.length())
            .isFalse();
      }
    }
  }

  String s3Host() {
    return S3Emulator.HOST + ":" + s3.httpPort();
  }

  void start(ProjectedTokenFile token, String wal) throws Exception {
    queryPort = ITVivaceProcess.freePort();
    httpPort = ITVivaceProcess.freePort();
    int grpcPort = ITVivaceProcess.freePort();
    // OSS-like: virtual-hosted addressing, endpoint without scheme, plain HTTP through insecure.
    Path config =
        ProcessConfig.queryPort(queryPort)
            .server("log_level: debug")
            .otlpGrpc(grpcPort)
            .otlpHttp(httpPort)
            .section(
                "storage",
                "trace:",
                "  backend: s3",
                "  wal: { path: " + dir.resolve(wal) + " }",
                "  s3:",
                "    bucket: " + BUCKET,
                "    endpoint: " + s3Host(),
                "    insecure: true",
                "    prefix: rrsa")
            .write(dir.resolve("vivace-" + wal + ".yaml"));
    Path log = dir.resolve("vivace-" + wal + ".log");
    logs.add(log);
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // JVM settings, as a pod would have them: the CA that signed the STS certificate,
                // and
                // name resolution for the emulator's host names (an /etc/hosts of the JVM's own).
                "-Djavax.net.ssl.trustStore=" + trustStore(),
                "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djdk.net.hosts.file=" + hostsFile(),
                "-jar",
                Path.of("target", "vivace.jar").toAbsolutePath().toString(),
                "-config.file=" + config)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    // No credential of any kind from this machine, no configuration by environment, and no proxy
    // (aliyun-java-sdk-core applies HTTP(S)_PROXY by itself).
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("AWS_")
                    || k.startsWith("ALIBABA_CLOUD_")
                    || k.startsWith("ALIBABACLOUD_")
                    || k.startsWith("VIVACE_")
                    || k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
    env.put("ALIBABA_CLOUD_ROLE_ARN", ROLE.roleArn());
    env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", ROLE.providerArn());
    env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.path().toString());
    env.put("ALIBABA_CLOUD_STS_ENDPOINT", "https://localhost:" + stsServer.port());
    process = pb.start();
    BlockingWebClient client = query();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> client.get("/ready").status().code() == 200);
  }

  void stop() throws Exception {
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(0);
  }

  BlockingWebClient query() {
    return BlockingWebClient.of("http://127.0.0.1:" + queryPort);
  }

  int spans(String traceId) throws Exception {
    AggregatedHttpResponse res =
        query()
            .execute(
                RequestHeaders.builder(HttpMethod.GET, "/api/traces/" + traceId)
                    .add("accept", "application/protobuf")
                    .build());
    assertThat(res.status().code()).isEqualTo(200);
    return Trace.parseFrom(res.content().array()).getResourceSpansList().stream()
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .mapToInt(ss -> ss.getSpansCount())
        .sum();
  }

  Path trustStore() throws Exception {
    Path file = dir.resolve("trust.p12");
    if (!Files.exists(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("sts-emulator", cert.certificate());
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, "changeit".toCharArray());
      }
    }
    return file;
  }

  Path hostsFile() throws Exception {
    return Files.writeString(
        dir.resolve("hosts"),
        String.join(
            "\n",
            "127.0.0.1 localhost " + S3Emulator.HOST + " " + BUCKET + "." + S3Emulator.HOST,
            ""));
  }
}
