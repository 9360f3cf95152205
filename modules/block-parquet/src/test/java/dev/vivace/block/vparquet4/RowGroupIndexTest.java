package dev.vivace.block.vparquet4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowGroupIndexTest {

  private static byte[] id(String hex) {
    return TraceId.parse(hex).toByteArray();
  }

  @Test
  void readsAndRewritesFixtureIndex() throws Exception {
    byte[] fixture = Files.readAllBytes(TempoFixtures.vparquet4Block().resolve("index"));

    RowGroupIndex index = RowGroupIndex.parse(fixture);

    assertThat(index.rowGroupCount()).isEqualTo(1);
    assertThat(index.toJson()).isEqualTo(fixture);
    assertThat(index.rowGroupFor(id("474be8b43449fb"))).isZero();
    assertThat(index.rowGroupFor(id("fff92eebf68f8230"))).isZero();
    assertThat(index.rowGroupFor(id("fff92eebf68f8231"))).isEqualTo(-1);
  }

  @Test
  void picksFirstRowGroupWhoseLastIdIsNotSmaller() {
    RowGroupIndex index = new RowGroupIndex(List.of(id("10"), id("20"), id("30")));

    assertThat(index.rowGroupFor(id("1"))).isZero();
    assertThat(index.rowGroupFor(id("10"))).isZero();
    assertThat(index.rowGroupFor(id("11"))).isEqualTo(1);
    assertThat(index.rowGroupFor(id("30"))).isEqualTo(2);
    assertThat(index.rowGroupFor(id("ff"))).isEqualTo(-1);
    assertThat(RowGroupIndex.parse(index.toJson()).rowGroupFor(id("20"))).isEqualTo(1);
  }

  @Test
  void emptyIndexIsNullAsInTempo() {
    RowGroupIndex empty = new RowGroupIndex(List.of());

    assertThat(new String(empty.toJson(), UTF_8)).isEqualTo("{\"rowGroups\":null}");
    assertThat(RowGroupIndex.parse(empty.toJson()).rowGroupCount()).isZero();
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> RowGroupIndex.parse("{\"rowGroups\":[1]}".getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row-group index entry: 1 (expected: a base64 string)");
    assertThatThrownBy(() -> RowGroupIndex.parse("{\"rowGr".getBytes(UTF_8)))
        .hasMessage("not a row-group index: expected {\"rowGroups\":[…]}");
  }
}
