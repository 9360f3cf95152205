package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The gRPC deadline header. */
class GrpcWireTest {

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
