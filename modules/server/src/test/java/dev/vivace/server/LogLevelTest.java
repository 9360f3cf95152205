package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.google.protobuf.ByteString;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.logging.LogCapture;
import dev.vivace.testing.otlp.OtlpRequests;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code server.log_level: debug} turns on Vivace's debug logs, never chatty libraries'. */
class LogLevelTest {

  /** A span attribute value: span contents must never reach the log. */
  static final String SPAN_CONTENT = "card-4111-1111-1111-1111";

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private Level before = Level.INFO;

  @TempDir Path dir;

  @BeforeEach
  void saveLevel() {
    before = root.getLevel();
  }

  @AfterEach
  void restoreLevel() {
    root.setLevel(before);
  }

  @Test
  void debugLeavesLibrariesThatLogContentsOrCredentialsPinned() {
    Main.setLogLevel("debug");

    assertThat(LoggerFactory.getLogger(LogLevelTest.class).isDebugEnabled()).isTrue();
    assertThat(
            List.of(
                "org.apache.parquet.io.RecordConsumerLoggingWrapper",
                "org.apache.parquet.io.MessageColumnIO",
                "org.apache.parquet.filter2.compat.FilterCompat",
                "org.apache.parquet.hadoop.ParquetFileReader"))
        .allSatisfy(name -> assertThat(LoggerFactory.getLogger(name).isInfoEnabled()).isFalse());
    assertThat(
            List.of(
                "software.amazon.awssdk.request",
                "software.amazon.awssdk.auth.signer.internal.BaseAws4Signer",
                "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
                "org.apache.hc.client5.http.wire",
                "org.apache.hc.client5.http.headers",
                "org.apache.http.wire",
                "org.apache.http.headers",
                "com.aliyuncs.DefaultAcsClient",
                "com.linecorp.armeria.logging.traffic.server.http2",
                "com.linecorp.armeria.logging.traffic.client.http2",
                "io.netty.handler.logging.LoggingHandler",
                "org.gaul.s3proxy.AwsSignature",
                "jclouds.wire",
                "jclouds.headers"))
        .allSatisfy(name -> assertThat(LoggerFactory.getLogger(name).isDebugEnabled()).isFalse());
  }

  @Test
  void aBlockWrittenAndReadAtDebugLogsNothingFromParquet() {
    Main.setLogLevel("debug");
    ObjectStore store = LocalObjectStore.of(dir);
    ByteString id = OtlpRequests.traceId(7, 42);
    ResourceSpans batch =
        OtlpRequests.request(
                "checkout",
                List.of(
                    OtlpRequests.span(id, OtlpRequests.spanId(1), "pay")
                        .addAttributes(OtlpRequests.attribute("card", SPAN_CONTENT))
                        .build()))
            .getResourceSpans(0);

    List<String> lines;
    try (LogCapture capture = LogCapture.start()) {
      LoggerFactory.getLogger(LogLevelTest.class).debug("debug is on");
      BlockMeta meta =
          VParquet4BlockWriter.builder(store)
              .tempDir(dir)
              .build()
              .write(
                  "single-tenant",
                  UUID.randomUUID(),
                  List.of(new BlockTrace(TraceId.of(id), List.of(batch))));
      List<ResourceSpans> found =
          VParquet4BlockReader.of(store, meta).find(TraceId.of(id)).fragments();
      assertThat(Traces.spanCount(found)).isEqualTo(1);
      assertThat(found.get(0).getScopeSpans(0).getSpans(0).getName()).isEqualTo("pay");
      lines = capture.lines();
    }

    assertThat(lines).contains("DEBUG " + LogLevelTest.class.getName() + " debug is on");
    assertThat(lines)
        .noneMatch(line -> line.split(" ", -1)[1].startsWith("org.apache.parquet"))
        .noneMatch(line -> line.contains(SPAN_CONTENT));
  }
}
