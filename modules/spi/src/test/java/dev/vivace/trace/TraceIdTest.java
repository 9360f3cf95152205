package dev.vivace.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceIdTest {

  @ParameterizedTest
  @CsvSource({
    "5b8efff798038103d269b633813fc700, 5b8efff798038103d269b633813fc700",
    "5B8EFFF798038103D269B633813FC700, 5b8efff798038103d269b633813fc700",
    "1234, 00000000000000000000000000001234",
    "123, 00000000000000000000000000000123",
    "d6e9329d67b6146a, 0000000000000000d6e9329d67b6146a",
    "0, 00000000000000000000000000000000",
  })
  void parsesLikeTempo(String input, String expected) {
    assertThat(TraceId.parse(input).toHex()).isEqualTo(expected);
  }

  @Test
  void rejectsNonHexWithOneBasedPosition() {
    assertThatThrownBy(() -> TraceId.parse("abcdg1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "trace IDs can only contain hex characters: invalid character 'g' at position 5");
    assertThatThrownBy(() -> TraceId.parse("0x12"))
        .hasMessage(
            "trace IDs can only contain hex characters: invalid character 'x' at position 2");
  }

  @Test
  void rejectsMoreThan128Bits() {
    assertThatThrownBy(() -> TraceId.parse("000000000000000000000000000000001"))
        .hasMessage("trace IDs can't be larger than 128 bits");
  }

  @Test
  void trimmedHexDropsLeadingZeros() {
    assertThat(TraceId.parse("00d6e9329d67b6146a").toTrimmedHex()).isEqualTo("d6e9329d67b6146a");
    assertThat(TraceId.parse("0").toTrimmedHex()).isEqualTo("0");
  }

  @Test
  void ofChecksLength() {
    assertThatThrownBy(() -> TraceId.of(new byte[8]))
        .hasMessage("trace ids must be 128 bit, received 64 bits");
  }

  @Test
  void ordersUnsigned() {
    assertThat(TraceId.parse("ff").compareTo(TraceId.parse("01"))).isPositive();
    assertThat(TraceId.parse("ff000000000000000000000000000000"))
        .isGreaterThan(TraceId.parse("7f000000000000000000000000000000"));
  }
}
