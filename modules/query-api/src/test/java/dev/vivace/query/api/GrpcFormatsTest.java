package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Values written as Tempo (Go) writes them, and the gRPC deadline header. */
class GrpcFormatsTest {

  @Test
  void durationsAsGoWritesThem() {
    assertThat(GoDurations.format(0)).isEqualTo("0s");
    assertThat(GoDurations.format(450)).isEqualTo("450ns");
    assertThat(GoDurations.format(1_500)).isEqualTo("1.5µs");
    assertThat(GoDurations.format(1_500_000)).isEqualTo("1.5ms");
    assertThat(GoDurations.format(2_000_000)).isEqualTo("2ms");
    assertThat(GoDurations.format(1_500_000_000)).isEqualTo("1.5s");
    assertThat(GoDurations.format(Duration.ofSeconds(90).toNanos())).isEqualTo("1m30s");
    assertThat(GoDurations.format(Duration.ofSeconds(3723).plusMillis(500).toNanos()))
        .isEqualTo("1h2m3.5s");
    assertThat(GoDurations.format(Duration.ofDays(7).toNanos())).isEqualTo("168h0m0s");
    assertThat(GoDurations.format(-1_500_000)).isEqualTo("-1.5ms");
  }

  @Test
  void floatsAsGoWritesThem() {
    assertThat(GrpcTags.goFloat(2.0)).isEqualTo("2");
    assertThat(GrpcTags.goFloat(0.25)).isEqualTo("0.25");
    assertThat(GrpcTags.goFloat(-3.5)).isEqualTo("-3.5");
    assertThat(GrpcTags.goFloat(1e21)).isEqualTo("1e+21");
    assertThat(GrpcTags.goFloat(1e-5)).isEqualTo("1e-05");
    assertThat(GrpcTags.goFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
  }

  @Test
  void grpcTimeoutHeader() {
    assertThat(GrpcWire.parseTimeout("100m")).isEqualTo(Duration.ofMillis(100));
    assertThat(GrpcWire.parseTimeout("5S")).isEqualTo(Duration.ofSeconds(5));
    assertThat(GrpcWire.parseTimeout("2H")).isEqualTo(Duration.ofHours(2));
    assertThat(GrpcWire.parseTimeout("7u")).isEqualTo(Duration.ofNanos(7_000));
    assertThat(GrpcWire.parseTimeout(null)).isNull();
    assertThat(GrpcWire.parseTimeout("S")).isNull();
    assertThat(GrpcWire.parseTimeout("10x")).isNull();
    assertThat(GrpcWire.parseTimeout("123456789S")).isNull();
  }
}
