package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.SearchColumns.SPANS;

import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.BinaryOperation;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.FieldOperator;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.Static;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.apache.parquet.io.api.Binary;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a row group a span selector may match, from the pages: each comparison of an
 * intrinsic, or of a well-known or dedicated attribute, keeps only the rows of the pages whose
 * column-index bounds allow it; a comparison of an attribute the generic attributes may hold also
 * keeps the rows of the pages of their values holding one that compares (read without their
 * levels). {@code &&} intersects, {@code ||} unites, anything else keeps every row. Null means
 * every row.
 */
final class PageRanges {

  /** Durations and integers up to this compare the same as longs and as doubles. */
  private static final long EXACT_DOUBLE = 1L << 53;

  private final BlockScan scan;
  private final int rowGroup;
  private final ParquetFileReader reader;
  private final Map<String, ColumnChunkMetaData> chunks;
  private final long rowCount;
  private final RowGroupSummary summary;
  private final DedicatedColumnMapping dedicated;

  PageRanges(
      BlockScan scan,
      int rowGroup,
      ParquetFileReader reader,
      Map<String, ColumnChunkMetaData> chunks,
      long rowCount,
      RowGroupSummary summary,
      DedicatedColumnMapping dedicated) {
    this.scan = scan;
    this.rowGroup = rowGroup;
    this.reader = reader;
    this.chunks = chunks;
    this.rowCount = rowCount;
    this.summary = summary;
    this.dedicated = dedicated;
  }

  @Nullable RowRanges rows(FieldExpression condition) throws IOException {
    if (condition instanceof Static.BoolValue b) {
      return b.value() ? null : RowRanges.EMPTY;
    }
    if (!(condition instanceof BinaryOperation operation)) {
      return null;
    }
    return switch (operation.operator()) {
      case AND -> {
        RowRanges left = rows(operation.left());
        RowRanges right = rows(operation.right());
        yield left == null ? right : right == null ? left : RowRanges.intersection(left, right);
      }
      case OR -> {
        RowRanges left = rows(operation.left());
        RowRanges right = left == null ? null : rows(operation.right());
        yield left == null || right == null ? null : RowRanges.union(left, right);
      }
      default ->
          operation.right() instanceof Static literal
              ? comparison(operation.left(), operation.operator(), literal)
              : null;
    };
  }

  private @Nullable RowRanges comparison(FieldExpression field, FieldOperator op, Static literal)
      throws IOException {
    if (field instanceof Intrinsic intrinsic) {
      return intrinsic(intrinsic, op, literal);
    }
    if (!(field instanceof Attribute a) || literal instanceof Static.NilValue) {
      return null;
    }
    RowRanges all = RowRanges.EMPTY;
    for (AttributeScope scope : SearchColumns.lookupScopes(a.scope())) {
      String strings = SearchColumns.stringColumn(scope, a.name(), dedicated);
      String ints = SearchColumns.intColumn(scope, a.name());
      RowRanges rows = RowRanges.EMPTY;
      if (strings != null && literal instanceof Static.StringValue s) {
        rows = op == FieldOperator.EQUAL ? pages(strings, stringEq(strings, s.value())) : null;
      } else if (ints != null && literal instanceof Static.IntValue i) {
        rows = pages(ints, longPredicate(ints, op, i.value()));
      }
      if (rows == null) {
        return null;
      }
      all = RowRanges.union(all, rows);
      if (summary.keyMayOccur(scope, a.name())) {
        // The generic attributes may hold it too: keep the pages holding a value that compares.
        RowRanges generic = genericPages(scope, op, literal);
        if (generic == null) {
          return null;
        }
        all = RowRanges.union(all, generic);
      }
    }
    return all;
  }

  /**
   * The rows of the pages of the generic attribute values of {@code scope} holding a value that
   * compares to {@code literal} as {@code op} asks, whatever its key; null if unknown.
   */
  private @Nullable RowRanges genericPages(AttributeScope scope, FieldOperator op, Static literal)
      throws IOException {
    String prefix = SearchColumns.attrsPrefix(scope) + "Attrs.list.element.";
    List<String> columns;
    if (literal instanceof Static.StringValue) {
      columns = List.of(prefix + "Value.list.element");
    } else if (literal instanceof Static.BoolValue) {
      columns = List.of(prefix + "ValueBool.list.element");
    } else if (literal instanceof Static.IntValue
        || literal instanceof Static.FloatValue
        || literal instanceof Static.DurationValue) {
      columns = List.of(prefix + "ValueInt.list.element", prefix + "ValueDouble.list.element");
    } else {
      return RowRanges.EMPTY; // attributes never hold statuses or kinds as such
    }
    RowRanges all = RowRanges.EMPTY;
    for (String column : columns) {
      ColumnChunkMetaData chunk = chunks.get(column);
      if (chunk == null) {
        return null;
      }
      OffsetIndex offsets = reader.readOffsetIndex(chunk);
      if (offsets == null) {
        return null;
      }
      List<Integer> matching = new ArrayList<>();
      boolean complete =
          scan.forEachPage(
              rowGroup,
              column,
              (page, values) -> {
                PageFacts facts = new PageFacts(summary.facts(), column, values);
                if (new RowGroupSummary(facts, dedicated).genericMayMatch(scope, op, literal)) {
                  matching.add(page);
                }
              });
      if (!complete) {
        return null;
      }
      all =
          RowRanges.union(
              all,
              RowRanges.create(
                  rowCount, matching.stream().mapToInt(Integer::intValue).iterator(), offsets));
    }
    return all;
  }

  /** The values of one page of {@code column}; of any other column, what the row group knows. */
  private record PageFacts(
      RowGroupSummary.ColumnFacts rowGroup, String column, Collection<?> values)
      implements RowGroupSummary.ColumnFacts {
    @Override
    public boolean known(String c) {
      return c.equals(column) || rowGroup.known(c);
    }

    @Override
    public boolean hasValues(String c) {
      return c.equals(column) ? !values.isEmpty() : rowGroup.hasValues(c);
    }

    @Override
    public @Nullable Statistics<?> stats(String c) {
      return c.equals(column) ? null : rowGroup.stats(c);
    }

    @Override
    public @Nullable Collection<?> values(String c) {
      return c.equals(column) ? values : rowGroup.values(c);
    }
  }

  private @Nullable RowRanges intrinsic(Intrinsic intrinsic, FieldOperator op, Static literal)
      throws IOException {
    if (op != FieldOperator.EQUAL
        && !(intrinsic == Intrinsic.DURATION
            && (op == FieldOperator.GREATER || op == FieldOperator.GREATER_EQUAL))) {
      return null;
    }
    return switch (intrinsic) {
      case NAME, STATUS_MESSAGE -> {
        String column = SPANS + (intrinsic == Intrinsic.NAME ? "Name" : "StatusMessage");
        yield literal instanceof Static.StringValue s
            ? pages(column, stringEq(column, s.value()))
            : RowRanges.EMPTY;
      }
      case STATUS ->
          literal instanceof Static.StatusValue s && s.code() != Static.StatusCode.UNSET
              ? pages(
                  SPANS + "StatusCode",
                  longPredicate(SPANS + "StatusCode", op, s.code() == Static.StatusCode.OK ? 1 : 2))
              : null;
      case DURATION -> {
        // Read back as max(0, stored) and compared as doubles: exact for positive longs < 2^53.
        long nanos = literal instanceof Static.DurationValue d ? d.nanos() : -1;
        yield nanos > 0 && nanos < EXACT_DOUBLE
            ? pages(SPANS + "DurationNano", longPredicate(SPANS + "DurationNano", op, nanos))
            : null;
      }
      default -> null;
    };
  }

  private static FilterPredicate stringEq(String column, String value) {
    return FilterApi.eq(FilterApi.binaryColumn(column), Binary.fromString(value));
  }

  private static @Nullable FilterPredicate longPredicate(String column, FieldOperator op, long v) {
    Operators.LongColumn c = FilterApi.longColumn(column);
    return switch (op) {
      case EQUAL -> FilterApi.eq(c, v);
      case LESS -> FilterApi.lt(c, v);
      case LESS_EQUAL -> FilterApi.ltEq(c, v);
      case GREATER -> FilterApi.gt(c, v);
      case GREATER_EQUAL -> FilterApi.gtEq(c, v);
      default -> null;
    };
  }

  /**
   * The rows of the pages of {@code column} whose bounds allow {@code predicate}; null if unknown.
   */
  private @Nullable RowRanges pages(String column, @Nullable FilterPredicate predicate)
      throws IOException {
    ColumnChunkMetaData chunk = chunks.get(column);
    if (chunk == null || predicate == null) {
      return null;
    }
    ColumnIndex index = reader.readColumnIndex(chunk);
    OffsetIndex offsets = reader.readOffsetIndex(chunk);
    if (index == null || offsets == null) {
      return null;
    }
    return RowRanges.create(rowCount, predicate.accept(index), offsets);
  }
}
