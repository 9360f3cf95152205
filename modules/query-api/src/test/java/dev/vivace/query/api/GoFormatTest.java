package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoFormatTest {

  @Test
  void floatsAsGoShortestG() {
    assertThat(GoFormat.formatFloat(0.5)).isEqualTo("0.5");
    assertThat(GoFormat.formatFloat(-2.25)).isEqualTo("-2.25");
    assertThat(GoFormat.formatFloat(3.0)).isEqualTo("3");
    assertThat(GoFormat.formatFloat(123456.0)).isEqualTo("123456");
    assertThat(GoFormat.formatFloat(1e6)).isEqualTo("1e+06");
    assertThat(GoFormat.formatFloat(1234567.0)).isEqualTo("1.234567e+06");
    assertThat(GoFormat.formatFloat(0.0001)).isEqualTo("0.0001");
    assertThat(GoFormat.formatFloat(0.00001)).isEqualTo("1e-05");
    assertThat(GoFormat.formatFloat(1.5e300)).isEqualTo("1.5e+300");
    assertThat(GoFormat.formatFloat(0.0)).isEqualTo("0");
    assertThat(GoFormat.formatFloat(-0.0)).isEqualTo("-0");
    assertThat(GoFormat.formatFloat(Double.NaN)).isEqualTo("NaN");
    assertThat(GoFormat.formatFloat(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void durationsAsGo() {
    assertThat(GoFormat.formatDuration(0)).isEqualTo("0s");
    assertThat(GoFormat.formatDuration(999)).isEqualTo("999ns");
    assertThat(GoFormat.formatDuration(1_500)).isEqualTo("1.5µs");
    assertThat(GoFormat.formatDuration(100_000_000)).isEqualTo("100ms");
    assertThat(GoFormat.formatDuration(1_500_000)).isEqualTo("1.5ms");
    assertThat(GoFormat.formatDuration(1_500_000_000)).isEqualTo("1.5s");
    assertThat(GoFormat.formatDuration(90_000_000_000L)).isEqualTo("1m30s");
    assertThat(GoFormat.formatDuration(3_600_000_000_000L)).isEqualTo("1h0m0s");
    assertThat(GoFormat.formatDuration(-1_000_000_000)).isEqualTo("-1s");
    assertThat(GoFormat.formatDuration(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
  }
}
