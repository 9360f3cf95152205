package dev.vivace.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void defaultsFollowTheProtocol() {
    LoadOptions grpc = LoadOptions.parse("--seed=1");
    LoadOptions http = LoadOptions.parse("--protocol", "http", "--duration=500ms", "--flush");

    assertThat(grpc.otlpEndpoint()).hasToString("http://127.0.0.1:4317");
    assertThat(grpc.queryEndpoint()).isNull();
    assertThat(http.otlpEndpoint()).hasToString("http://127.0.0.1:4318");
    assertThat(http.duration()).isEqualTo(Duration.ofMillis(500));
    assertThat(http.flush()).isTrue();
  }

  @Test
  void badValuesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> LoadOptions.parse("--concurrency=0"))
        .hasMessage("concurrency: 0 (expected: > 0)");
    assertThatThrownBy(() -> LoadOptions.parse("--duration=soon"))
        .hasMessage("duration: soon (expected: a duration like 500ms, 30s, 2m)");
    assertThatThrownBy(() -> LoadOptions.parse("--query-api=v3"))
        .hasMessage("query-api: v3 (expected: v1 or v2)");
    assertThatThrownBy(() -> LoadOptions.parse("--trace=5")).hasMessage("unknown options: [trace]");
    assertThatThrownBy(() -> LoadOptions.parse("--large-trace-ratio=2"))
        .hasMessage("large-trace-ratio: 2.0 (expected: in [0, 1])");
  }
}
