package dev.vivace.block.vparquet4;

import static java.util.Objects.requireNonNull;

import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.BinaryOperation;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQuery;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Rules out single rows (traces) before they are assembled: reads only the columns that hold the
 * query's conditions, gathers each row's values of them and asks {@link TraceQuery#mayMatch} with a
 * {@link RowGroupSummary} of that one row. A row it rules out cannot match, as pruning errs towards
 * true; rows it keeps are assembled and matched in full.
 */
final class RowFilter {

  private final TraceQuery query;
  private final DedicatedColumnMapping dedicated;
  private final MessageType schema;
  private final RowGroupSummary.ColumnFacts rowGroup;

  private RowFilter(
      TraceQuery query,
      DedicatedColumnMapping dedicated,
      MessageType schema,
      RowGroupSummary.ColumnFacts rowGroup) {
    this.query = query;
    this.dedicated = dedicated;
    this.schema = schema;
    this.rowGroup = rowGroup;
  }

  /**
   * A filter for {@code query} over one row group of a file of {@code fileSchema}, or null when its
   * conditions read no column there (such as {@code {}}), so that it could rule nothing out that
   * the row group's {@code summary} did not. The generic attributes of a scope are read only when
   * the summary says one of the names looked up there may occur.
   */
  static @Nullable RowFilter of(
      TraceQuery query,
      DedicatedColumnMapping dedicated,
      MessageType fileSchema,
      RowGroupSummary summary) {
    Set<String> columns = new LinkedHashSet<>();
    for (BinaryOperation comparison : query.comparisons()) {
      FieldExpression field = comparison.left();
      Static literal = (Static) comparison.right();
      if (field instanceof Attribute a) {
        for (AttributeScope scope : SearchColumns.lookupScopes(a.scope())) {
          addAttributeColumns(columns, scope, a.name(), literal, dedicated, summary);
        }
      } else if (field instanceof Intrinsic i) {
        addIfPresent(columns, RowGroupSummary.intrinsicColumn(i));
      }
    }
    MessageType schema = TraceSchema.select(fileSchema, columns);
    return schema.getColumns().isEmpty()
        ? null
        : new RowFilter(query, dedicated, schema, summary.facts());
  }

  /** The columns {@link RowGroupSummary} reads to compare attribute {@code name} of a scope. */
  private static void addAttributeColumns(
      Set<String> columns,
      AttributeScope scope,
      String name,
      Static literal,
      DedicatedColumnMapping dedicated,
      RowGroupSummary summary) {
    boolean string = literal instanceof Static.StringValue;
    boolean number =
        literal instanceof Static.IntValue
            || literal instanceof Static.FloatValue
            || literal instanceof Static.DurationValue;
    boolean bool = literal instanceof Static.BoolValue;
    if (string) {
      addIfPresent(columns, SearchColumns.stringColumn(scope, name, dedicated));
    }
    if (number) {
      addIfPresent(columns, SearchColumns.intColumn(scope, name));
    }
    if ((string || number || bool) && summary.keyMayOccur(scope, name)) {
      String attrs = SearchColumns.attrsPrefix(scope) + "Attrs.list.element.";
      columns.add(attrs + "Key");
      if (string) {
        columns.add(attrs + "Value.list.element");
      }
      if (number) {
        columns.add(attrs + "ValueInt.list.element");
        columns.add(attrs + "ValueDouble.list.element");
      }
      if (bool) {
        columns.add(attrs + "ValueBool.list.element");
      }
    }
  }

  private static void addIfPresent(Set<String> columns, @Nullable String column) {
    if (column != null) {
      columns.add(column);
    }
  }

  /** The columns this filter reads. */
  MessageType schema() {
    return schema;
  }

  /**
   * Sets in {@code keep} the index (within the row group) of every row of {@code pages} in {@code
   * wanted} (null for all) that may match; {@code pages} holds the columns of {@link #schema}, for
   * the rows it lists or else for the whole row group. Returns how many rows were kept.
   */
  int select(PageReadStore pages, String createdBy, @Nullable BitSet wanted, BitSet keep) {
    List<ColumnDescriptor> descriptors = schema.getColumns();
    RowValues row = new RowValues(rowGroup);
    Map<String, ValueConverter> converters = new HashMap<>();
    for (ColumnDescriptor column : descriptors) {
      String path = String.join(".", column.getPath());
      ValueConverter converter = new ValueConverter(column.getPrimitiveType());
      converters.put(path, converter);
      row.columns.put(path, converter.values);
    }
    ColumnReadStoreImpl store =
        new ColumnReadStoreImpl(pages, new Tree(schema, "", converters), schema, createdBy);
    ColumnReader[] readers = new ColumnReader[descriptors.size()];
    ValueConverter[] collectors = new ValueConverter[readers.length];
    for (int c = 0; c < readers.length; c++) {
      readers[c] = store.getColumnReader(descriptors.get(c));
      collectors[c] = converters.get(String.join(".", descriptors.get(c).getPath()));
    }
    RowGroupSummary summary = new RowGroupSummary(row, dedicated);
    PrimitiveIterator.OfLong indexes = pages.getRowIndexes().orElse(null);
    int kept = 0;
    for (long r = 0; r < pages.getRowCount(); r++) {
      long index = indexes != null ? indexes.nextLong() : r;
      for (int c = 0; c < readers.length; c++) {
        readRow(readers[c], collectors[c].values);
      }
      if ((wanted == null || wanted.get(Math.toIntExact(index))) && query.mayMatch(summary)) {
        keep.set(Math.toIntExact(index));
        kept++;
      }
    }
    return kept;
  }

  /** Replaces {@code values}, its converter's, with the values of the reader's current row. */
  private static void readRow(ColumnReader reader, List<Object> values) {
    values.clear();
    int max = reader.getDescriptor().getMaxDefinitionLevel();
    do {
      if (reader.getCurrentDefinitionLevel() == max) {
        reader.writeCurrentValueToConverter();
      }
      reader.consume();
    } while (reader.getCurrentRepetitionLevel() != 0);
  }

  /**
   * Collects the values of one column as {@link BlockScan#forEachValue} gives them, but strings of
   * plain pages as UTF-8 {@link Binary}; values of a dictionary page are decoded once per entry.
   */
  private static final class ValueConverter extends PrimitiveConverter {
    final List<Object> values = new ArrayList<>();
    private final PrimitiveType type;
    private @Nullable Dictionary dictionary;
    private Object @Nullable [] decoded;

    ValueConverter(PrimitiveType type) {
      this.type = type;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dictionary) {
      this.dictionary = dictionary;
      this.decoded = new Object[dictionary.getMaxId() + 1];
    }

    @Override
    public void addValueFromDictionary(int id) {
      Object[] d = requireNonNull(decoded);
      Object v = d[id];
      if (v == null) {
        v = BlockScan.decode(requireNonNull(dictionary), id, type);
        d[id] = v;
      }
      values.add(v);
    }

    @Override
    public void addBinary(Binary value) {
      values.add(value); // decoded only if compared other than for equality
    }

    @Override
    public void addLong(long value) {
      values.add(value);
    }

    @Override
    public void addInt(int value) {
      values.add(value);
    }

    @Override
    public void addDouble(double value) {
      values.add(value);
    }

    @Override
    public void addFloat(float value) {
      values.add((double) value);
    }

    @Override
    public void addBoolean(boolean value) {
      values.add(value);
    }
  }

  /** Converters along the schema, down to each column's {@link ValueConverter}. */
  private static final class Tree extends GroupConverter {
    private final Converter[] children;

    Tree(GroupType type, String prefix, Map<String, ValueConverter> leaves) {
      children = new Converter[type.getFieldCount()];
      for (int i = 0; i < children.length; i++) {
        Type child = type.getType(i);
        String path = prefix + child.getName();
        children[i] =
            child.isPrimitive()
                ? requireNonNull(leaves.get(path), path)
                : new Tree(child.asGroupType(), path + ".", leaves);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }

  /**
   * The values of one row, column by column; of a column not read, what is known of the row group,
   * which holds every value of the row.
   */
  private static final class RowValues implements RowGroupSummary.ColumnFacts {
    final Map<String, List<Object>> columns = new HashMap<>();
    private final RowGroupSummary.ColumnFacts rowGroup;

    RowValues(RowGroupSummary.ColumnFacts rowGroup) {
      this.rowGroup = rowGroup;
    }

    @Override
    public boolean known(String column) {
      return columns.containsKey(column) || rowGroup.known(column);
    }

    @Override
    public boolean hasValues(String column) {
      List<Object> values = columns.get(column);
      return values == null ? rowGroup.hasValues(column) : !values.isEmpty();
    }

    @Override
    public @Nullable Statistics<?> stats(String column) {
      return columns.containsKey(column) ? null : rowGroup.stats(column);
    }

    @Override
    public @Nullable Collection<?> values(String column) {
      List<Object> values = columns.get(column);
      return values == null ? rowGroup.values(column) : values;
    }
  }
}
