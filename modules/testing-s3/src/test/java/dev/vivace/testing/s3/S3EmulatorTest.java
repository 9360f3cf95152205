package dev.vivace.testing.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The front's own rules, with raw HTTP requests (the SDK-level behaviour is tested in storage-s3).
 */
class S3EmulatorTest {

  static final String AK = "AKIDSTATIC";
  static final S3Emulator emulator =
      S3Emulator.builder().staticCredentials(AK, "static-secret").bucket("traces").build();

  @RegisterExtension static final S3EmulatorExtension s3 = new S3EmulatorExtension(emulator);

  @BeforeEach
  void reset() {
    emulator.reset();
  }

  private static AggregatedHttpResponse send(RequestHeadersBuilder headers) {
    WebClient client = WebClient.of("http://127.0.0.1:" + s3.httpPort());
    return client
        .execute(headers.authority(S3Emulator.HOST + ":" + s3.httpPort()).build())
        .aggregate()
        .join();
  }

  private static RequestHeadersBuilder signed(String accessKeyId, String signedHeaders) {
    String now =
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    return RequestHeaders.builder(HttpMethod.GET, "/traces/a")
        .add("x-amz-date", now)
        .add("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
        .add(
            "authorization",
            "AWS4-HMAC-SHA256 Credential="
                + accessKeyId
                + "/"
                + now.substring(0, 8)
                + "/us-east-1/s3/aws4_request, SignedHeaders="
                + signedHeaders
                + ", Signature="
                + "0".repeat(64));
  }

  @Test
  void unsignedRequestsAreRefused() {
    AggregatedHttpResponse res = send(RequestHeaders.builder(HttpMethod.GET, "/traces/a"));

    assertThat(res.status().code()).isEqualTo(403);
    assertThat(res.contentUtf8()).contains("<Code>AccessDenied</Code>");
    assertThat(res.headers().get("x-oss-request-id")).isNotBlank();
  }

  @Test
  void injectedFaultsComeFirst() {
    emulator.failNext(S3Fault.SLOW_DOWN, 1);

    AggregatedHttpResponse res = send(RequestHeaders.builder(HttpMethod.GET, "/traces/a"));

    assertThat(res.status().code()).isEqualTo(503);
    assertThat(res.contentUtf8()).contains("<Code>SlowDown</Code>");
    assertThat(emulator.requests()).extracting(RecordedS3Request::status).containsExactly(503);
  }

  @Test
  void strictModeRejectsWhatOssRejects() {
    assertThat(
            send(signed(AK, "host;x-amz-date").add("x-amz-checksum-crc32", "AAAAAA=="))
                .contentUtf8())
        .contains("<Code>InvalidArgument</Code>", "x-amz-checksum-crc32");
    assertThat(
            send(signed(AK, "host;x-amz-date")
                    .set("x-amz-content-sha256", FrontRules.STREAMING_UNSIGNED_TRAILER)
                    .add("content-encoding", "aws-chunked"))
                .contentUtf8())
        .contains("<Code>NotImplemented</Code>");
    assertThat(
            send(signed(AK, "host;x-amz-date").add("content-encoding", "aws-chunked"))
                .status()
                .code())
        .isEqualTo(400);
  }

  @Test
  void unknownKeysAreRefusedByTheFront() {
    AggregatedHttpResponse res = send(signed("STS.unknown", "host;x-amz-date"));

    assertThat(res.status().code()).isEqualTo(403);
    assertThat(res.contentUtf8()).contains("<Code>InvalidAccessKeyId</Code>");
  }

  @Test
  void s3proxyVerifiesTheSignature() {
    AggregatedHttpResponse res = send(signed(AK, "host;x-amz-content-sha256;x-amz-date"));

    assertThat(res.status().code()).isEqualTo(403);
    assertThat(res.contentUtf8()).contains("SignatureDoesNotMatch");
    assertThat(emulator.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.accessKeyId()).isEqualTo(AK));
  }
}
