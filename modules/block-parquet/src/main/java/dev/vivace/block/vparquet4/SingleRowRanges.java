package dev.vivace.block.vparquet4;

import java.util.stream.IntStream;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;

/**
 * {@link RowRanges} holding one row, or one run of rows, of a row group. parquet-java builds row
 * ranges only from the pages of an {@link OffsetIndex}, so this passes a one-page view whose only
 * page is that row; the view is read for its row indexes and nothing else.
 */
final class SingleRowRanges {

  static RowRanges of(long row, long rowCount) {
    return range(row, row, rowCount);
  }

  /** The rows {@code first} to {@code last}, both included, of a row group of {@code rowCount}. */
  static RowRanges range(long first, long last, long rowCount) {
    if (first < 0 || last < first || last >= rowCount) {
      throw new IllegalArgumentException(
          "rows: " + first + " to " + last + " (expected: within row count " + rowCount + ")");
    }
    return RowRanges.create(rowCount, IntStream.of(0).iterator(), new OneRowPage(first, last));
  }

  private record OneRowPage(long first, long last) implements OffsetIndex {
    @Override
    public int getPageCount() {
      return 1;
    }

    @Override
    public long getFirstRowIndex(int pageIndex) {
      return first;
    }

    @Override
    public long getLastRowIndex(int pageIndex, long rowGroupRowCount) {
      return last;
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
