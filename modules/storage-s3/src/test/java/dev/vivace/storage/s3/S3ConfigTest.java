package dev.vivace.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class S3ConfigTest {

  private static S3ObjectStoreBuilder oss() {
    return S3ObjectStore.builder("traces")
        .endpoint("s3.oss-cn-hangzhou-internal.aliyuncs.com")
        .environment(Map.of());
  }

  @Test
  void defaults() {
    S3Config c = oss().toConfig();

    assertThat(c.partSize()).isEqualTo(5L * 1024 * 1024);
    assertThat(c.maxAttempts()).isEqualTo(4);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.apiCallTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.insecure()).isFalse();
    assertThat(c.forcePathStyle()).isFalse();
  }

  @Test
  void ossEndpointsAreHttpsVirtualHostedAndSignedForUsEast1() {
    for (String host :
        new String[] {
          "s3.oss-cn-hangzhou-internal.aliyuncs.com",
          "oss-cn-beijing.aliyuncs.com",
          "s3.oss-accelerate.aliyuncs.com"
        }) {
      S3Endpoints.Resolved r = S3Endpoints.resolve(host, false, "cn-hangzhou", false);
      assertThat(r.oss()).as(host).isTrue();
      assertThat(r.uri()).isEqualTo(URI.create("https://" + host));
      assertThat(r.region()).isEqualTo(Region.AWS_GLOBAL);
      assertThat(r.pathStyle()).isFalse();
    }
  }

  @Test
  void otherEndpointsKeepTheirRegionAndScheme() {
    assertThat(S3Endpoints.resolve("minio:9000", true, "", true))
        .isEqualTo(
            new S3Endpoints.Resolved(
                URI.create("http://minio:9000"), Region.US_EAST_1, false, true));
    assertThat(S3Endpoints.resolve("https://s3.eu-west-1.amazonaws.com", true, "eu-west-1", false))
        .isEqualTo(
            new S3Endpoints.Resolved(
                URI.create("https://s3.eu-west-1.amazonaws.com"), Region.EU_WEST_1, false, false));
    assertThat(S3Endpoints.resolve("", false, "eu-west-1", false).uri()).isNull();
    assertThat(S3Endpoints.isOss("oss.example.com")).isFalse();
    assertThat(S3Endpoints.isOss("my-oss-cn-hangzhou.aliyuncs.com.evil.test")).isFalse();
  }

  @Test
  void invalidSettingsFailFastWithTheKeyName() {
    assertThatThrownBy(() -> S3ObjectStore.builder("Traces_1").endpoint("h").toConfig())
        .hasMessage("bucket: Traces_1 (expected: 3-63 lower-case letters, digits, '.' or '-')");
    assertThatThrownBy(() -> oss().accessKey("AK").toConfig())
        .hasMessage("access_key and secret_key: only one is set (expected: both or neither)");
    assertThatThrownBy(() -> oss().sessionToken("t").toConfig())
        .hasMessage("session_token: set without access_key (expected: both or neither)");
    assertThatThrownBy(() -> S3ObjectStore.builder("traces").toConfig())
        .hasMessage("region: \"\" (expected: a region when endpoint is empty)");
    assertThatThrownBy(() -> oss().partSize(1024).toConfig())
        .hasMessage("part_size: 1024 (expected: 5242880..1073741824)");
    assertThatThrownBy(() -> oss().maxAttempts(0).toConfig())
        .hasMessage("max_attempts: 0 (expected: 1..10)");
    assertThatThrownBy(() -> oss().connectTimeout(Duration.ZERO).toConfig())
        .hasMessage("connect_timeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> oss().endpoint("https://host/path").toConfig())
        .hasMessage("endpoint: https://host/path (expected: host[:port] or http(s)://host[:port])");
    assertThatThrownBy(() -> oss().endpoint("ftp://host").toConfig())
        .hasMessage("endpoint: ftp://host (expected: host[:port] or http(s)://host[:port])");
  }

  @Test
  void secretsNeverShowInToString() {
    S3ObjectStore store =
        oss()
            .accessKey("AKIDVISIBLE")
            .secretKey("s3cr3t-value")
            .sessionToken("t0k3n-value")
            .build();

    assertThat(store.config().toString())
        .doesNotContain("s3cr3t-value", "t0k3n-value", "AKIDVISIBLE")
        .contains("secretKey=<redacted>", "sessionToken=<redacted>");
    assertThat(store.toString())
        .doesNotContain("s3cr3t-value", "t0k3n-value")
        .isEqualTo(
            "S3ObjectStore{bucket=traces, prefix=,"
                + " endpoint=s3.oss-cn-hangzhou-internal.aliyuncs.com,"
                + " credentials=access_key/secret_key from the configuration}");
    store.close();
  }

  @Test
  void configRoundTripsThroughTheBuilder() {
    S3Config c =
        oss().prefix("a/b").region("cn-hangzhou").insecure(true).partSize(8L << 20).toConfig();

    assertThat(S3ObjectStore.builder("traces").config(c).toConfig()).isEqualTo(c);
    assertThatThrownBy(() -> S3ObjectStore.builder("other").config(c))
        .hasMessage("config.bucket: traces (expected: other)");
  }
}
