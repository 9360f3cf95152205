package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoParsingTest {

  @Test
  void parseInt32AcceptsWhatGoAccepts() {
    assertThat(GoParsing.parseInt32("1700000000")).isEqualTo(1700000000);
    assertThat(GoParsing.parseInt32("+5")).isEqualTo(5);
    assertThat(GoParsing.parseInt32("-5")).isEqualTo(-5);
    assertThat(GoParsing.parseInt32("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(GoParsing.parseInt32("-2147483648")).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void parseInt32FailsWithGoMessages() {
    assertThatThrownBy(() -> GoParsing.parseInt32("2147483648"))
        .hasMessage("strconv.ParseInt: parsing \"2147483648\": value out of range");
    assertThatThrownBy(() -> GoParsing.parseInt32("99999999999"))
        .hasMessage("strconv.ParseInt: parsing \"99999999999\": value out of range");
    assertThatThrownBy(() -> GoParsing.parseInt32("-2147483649"))
        .hasMessage("strconv.ParseInt: parsing \"-2147483649\": value out of range");
    assertThatThrownBy(() -> GoParsing.parseInt32("asdf"))
        .hasMessage("strconv.ParseInt: parsing \"asdf\": invalid syntax");
    assertThatThrownBy(() -> GoParsing.parseInt32("1_000"))
        .hasMessage("strconv.ParseInt: parsing \"1_000\": invalid syntax");
    assertThatThrownBy(() -> GoParsing.parseInt32("-"))
        .hasMessage("strconv.ParseInt: parsing \"-\": invalid syntax");
    // Digits of other scripts are not digits to Go.
    assertThatThrownBy(() -> GoParsing.parseInt32("\u0661"))
        .hasMessage("strconv.ParseInt: parsing \"\u0661\": invalid syntax");
  }

  @Test
  void atoiIsSixtyFourBits() {
    assertThat(GoParsing.atoi("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(GoParsing.atoi("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> GoParsing.atoi("9223372036854775808"))
        .hasMessage("strconv.Atoi: parsing \"9223372036854775808\": value out of range");
    assertThatThrownBy(() -> GoParsing.atoi("99999999999999999999999"))
        .hasMessage("strconv.Atoi: parsing \"99999999999999999999999\": value out of range");
    assertThatThrownBy(() -> GoParsing.atoi("five"))
        .hasMessage("strconv.Atoi: parsing \"five\": invalid syntax");
    assertThatThrownBy(() -> GoParsing.atoi("1.5"))
        .hasMessage("strconv.Atoi: parsing \"1.5\": invalid syntax");
  }

  @Test
  void parsesGoDurations() {
    assertThat(GoParsing.parseDuration("0")).isZero();
    assertThat(GoParsing.parseDuration("-0")).isZero();
    assertThat(GoParsing.parseDuration("100ms")).isEqualTo(100_000_000L);
    assertThat(GoParsing.parseDuration("1m30s")).isEqualTo(90_000_000_000L);
    assertThat(GoParsing.parseDuration("1.5h")).isEqualTo(5_400_000_000_000L);
    assertThat(GoParsing.parseDuration(".5s")).isEqualTo(500_000_000L);
    assertThat(GoParsing.parseDuration("2us")).isEqualTo(2_000L);
    assertThat(GoParsing.parseDuration("2\u00b5s")).isEqualTo(2_000L);
    assertThat(GoParsing.parseDuration("2\u03bcs")).isEqualTo(2_000L);
    assertThat(GoParsing.parseDuration("-1s")).isEqualTo(-1_000_000_000L);
    assertThat(GoParsing.parseDuration("+3ns")).isEqualTo(3L);
    assertThat(GoParsing.parseDuration("9223372036854775807ns")).isEqualTo(Long.MAX_VALUE);
    assertThat(GoParsing.parseDuration("-9223372036854775808ns")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void durationErrorsReadAsGos() {
    assertThatThrownBy(() -> GoParsing.parseDuration("10seconds"))
        .hasMessage("time: unknown unit \"seconds\" in duration \"10seconds\"");
    assertThatThrownBy(() -> GoParsing.parseDuration("1msec"))
        .hasMessage("time: unknown unit \"msec\" in duration \"1msec\"");
    assertThatThrownBy(() -> GoParsing.parseDuration("10"))
        .hasMessage("time: missing unit in duration \"10\"");
    assertThatThrownBy(() -> GoParsing.parseDuration("abc"))
        .hasMessage("time: invalid duration \"abc\"");
    assertThatThrownBy(() -> GoParsing.parseDuration(".s"))
        .hasMessage("time: invalid duration \".s\"");
    assertThatThrownBy(() -> GoParsing.parseDuration("-"))
        .hasMessage("time: invalid duration \"-\"");
    assertThatThrownBy(() -> GoParsing.parseDuration("9223372036854775808ns"))
        .hasMessage("time: invalid duration \"9223372036854775808ns\"");
    assertThatThrownBy(() -> GoParsing.parseDuration("3000000h"))
        .hasMessage("time: invalid duration \"3000000h\"");
    assertThatThrownBy(() -> GoParsing.parseDuration("1\u00e9"))
        .hasMessage("time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"");
  }

  @Test
  void toUint32MillisTruncatesAndWrapsAsGo() {
    assertThat(GoParsing.toUint32Millis(1_999_999L)).isEqualTo(1);
    assertThat(GoParsing.toUint32Millis(-1_000_000L)).isEqualTo(0xFFFF_FFFFL);
  }
}
