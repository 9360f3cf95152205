package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.junit.jupiter.api.Test;

class SingleRowRangesTest {

  @Test
  void holdsExactlyTheRow() {
    RowRanges ranges = SingleRowRanges.of(5, 10);

    assertThat(ranges.rowCount()).isEqualTo(1);
    List<Long> rows = new ArrayList<>();
    for (PrimitiveIterator.OfLong it = ranges.iterator(); it.hasNext(); ) {
      rows.add(it.nextLong());
    }
    assertThat(rows).containsExactly(5L);
    assertThat(ranges.isOverlapping(5, 5)).isTrue();
    assertThat(ranges.isOverlapping(0, 4)).isFalse();
    assertThat(ranges.isOverlapping(6, 9)).isFalse();
  }

  @Test
  void firstAndLastRows() {
    assertThat(SingleRowRanges.of(0, 1).getRanges()).hasToString("[[0, 0]]");
    assertThat(SingleRowRanges.of(9, 10).getRanges()).hasToString("[[9, 9]]");
  }

  @Test
  void aRunOfRows() {
    assertThat(SingleRowRanges.range(200, 999, 5000).getRanges()).hasToString("[[200, 999]]");
    assertThat(SingleRowRanges.range(200, 999, 5000).rowCount()).isEqualTo(800);
    assertThatThrownBy(() -> SingleRowRanges.range(5, 4, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsRowsOutsideTheRowGroup() {
    assertThatThrownBy(() -> SingleRowRanges.of(10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows: 10 to 10 (expected: within row count 10)");
    assertThatThrownBy(() -> SingleRowRanges.of(-1, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
