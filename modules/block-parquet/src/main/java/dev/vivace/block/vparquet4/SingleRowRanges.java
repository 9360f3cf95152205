package dev.vivace.block.vparquet4;

import java.util.stream.IntStream;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;

/**
 * {@link RowRanges} holding exactly one row of a row group. parquet-java builds row ranges only
 * from the pages of an {@link OffsetIndex}, so this passes a one-page view whose only page is that
 * row; the view is read for its row indexes and nothing else.
 */
final class SingleRowRanges {

  static RowRanges of(long row, long rowCount) {
    if (row < 0 || row >= rowCount) {
      throw new IllegalArgumentException(
          "row: " + row + " (expected: >= 0 and < row count " + rowCount + ")");
    }
    return RowRanges.create(rowCount, IntStream.of(0).iterator(), new OneRowPage(row));
  }

  private record OneRowPage(long row) implements OffsetIndex {
    @Override
    public int getPageCount() {
      return 1;
    }

    @Override
    public long getFirstRowIndex(int pageIndex) {
      return row;
    }

    @Override
    public long getLastRowIndex(int pageIndex, long rowGroupRowCount) {
      return row;
    }

    @Override
    public long getOffset(int pageIndex) {
      throw new UnsupportedOperationException("a row range, not a page");
    }

    @Override
    public int getCompressedPageSize(int pageIndex) {
      throw new UnsupportedOperationException("a row range, not a page");
    }
  }

  private SingleRowRanges() {}
}
