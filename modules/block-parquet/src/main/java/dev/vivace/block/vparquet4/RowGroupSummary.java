package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.SearchColumns.EVENTS;
import static dev.vivace.block.vparquet4.SearchColumns.RESOURCE;
import static dev.vivace.block.vparquet4.SearchColumns.SCOPE;
import static dev.vivace.block.vparquet4.SearchColumns.SPANS;

import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.FieldOperator;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.ValueSummary;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.jspecify.annotations.Nullable;

/**
 * What one row group may hold, from its column chunks' statistics (min, max, null count) and, when
 * those do not rule a value out, their dictionaries. A field is looked for in every column that may
 * hold it: the well-known or dedicated column and the generic attributes of its scope (where a key
 * that is not in the {@code Key} column's dictionary or range cannot be). Errs towards true.
 */
final class RowGroupSummary implements ValueSummary {

  private final ColumnFacts facts;
  private final DedicatedColumnMapping dedicated;

  RowGroupSummary(BlockScan scan, int rowGroup, DedicatedColumnMapping dedicated) {
    this(new ChunkFacts(scan, rowGroup), dedicated);
  }

  /**
   * A summary of whatever {@code facts} describe: a row group, one row ({@link RowFilter}) or one
   * page ({@link PageRanges}).
   */
  RowGroupSummary(ColumnFacts facts, DedicatedColumnMapping dedicated) {
    this.facts = facts;
    this.dedicated = dedicated;
  }

  /** What this summary knows of each column. */
  ColumnFacts facts() {
    return facts;
  }

  /** What is known of the values of each column of a chunk of rows, by dotted path. */
  interface ColumnFacts {

    /** Whether the column is known at all; nothing is ruled out by an unknown column. */
    boolean known(String column);

    /** False only when the column is known and holds no non-null value in the chunk. */
    boolean hasValues(String column);

    /** The column's statistics in the chunk, or null. */
    @Nullable Statistics<?> stats(String column);

    /**
     * Every distinct non-null value of the column in the chunk (strings may be given as UTF-8
     * {@link Binary}), or null when not known.
     */
    @Nullable Collection<?> values(String column);
  }

  /** The facts of a row group: column chunk statistics and, read on demand, dictionaries. */
  private static final class ChunkFacts implements ColumnFacts {
    private final BlockScan scan;
    private final int rowGroup;
    private final Map<String, ColumnChunkMetaData> chunks;
    private final Map<String, Optional<List<Object>>> dictionaries = new HashMap<>();

    ChunkFacts(BlockScan scan, int rowGroup) {
      this.scan = scan;
      this.rowGroup = rowGroup;
      this.chunks = scan.chunks(rowGroup);
    }

    @Override
    public boolean known(String column) {
      return chunks.containsKey(column);
    }

    @Override
    public boolean hasValues(String column) {
      ColumnChunkMetaData chunk = chunks.get(column);
      if (chunk == null) {
        return true;
      }
      Statistics<?> stats = chunk.getStatistics();
      return stats == null || !stats.isNumNullsSet() || stats.getNumNulls() < chunk.getValueCount();
    }

    @Override
    public @Nullable Statistics<?> stats(String column) {
      ColumnChunkMetaData chunk = chunks.get(column);
      return chunk == null ? null : chunk.getStatistics();
    }

    @Override
    public @Nullable Collection<?> values(String column) {
      ColumnChunkMetaData chunk = chunks.get(column);
      if (chunk == null) {
        return null;
      }
      Optional<List<Object>> known = dictionaries.get(column);
      if (known == null) {
        known = scan.dictionary(rowGroup, chunk);
        dictionaries.put(column, known);
      }
      return known.orElse(null);
    }
  }

  @Override
  public boolean mayMatch(FieldExpression field, FieldOperator operator, Static literal) {
    if (literal instanceof Static.NilValue) {
      // "= nil" holds for every span lacking the field; "!= nil" wherever it is present.
      return operator != FieldOperator.NOT_EQUAL || mayBePresent(field);
    }
    if (field instanceof Attribute a) {
      for (AttributeScope scope : SearchColumns.lookupScopes(a.scope())) {
        if (attributeMayMatch(scope, a.name(), operator, literal)) {
          return true;
        }
      }
      return false;
    }
    if (field instanceof Intrinsic i) {
      return intrinsicMayMatch(i, operator, literal);
    }
    return true;
  }

  /** Whether some span may have {@code field} at all. */
  boolean mayBePresent(FieldExpression field) {
    if (field instanceof Attribute a) {
      for (AttributeScope scope : SearchColumns.lookupScopes(a.scope())) {
        if (keyMayOccur(scope, a.name())
            || hasValues(SearchColumns.stringColumn(scope, a.name(), dedicated))
            || hasValues(SearchColumns.intColumn(scope, a.name()))) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private boolean attributeMayMatch(
      AttributeScope scope, String name, FieldOperator op, Static literal) {
    String column = SearchColumns.stringColumn(scope, name, dedicated);
    if (column != null
        && literal instanceof Static.StringValue s
        && stringMayMatch(column, op, s)) {
      return true;
    }
    column = SearchColumns.intColumn(scope, name);
    if (column != null && isNumber(literal) && numberMayMatch(column, op, literal, Numbers.INTS)) {
      return true;
    }
    return keyMayOccur(scope, name) && genericMayMatch(scope, op, literal);
  }

  /**
   * Whether a value of the generic attributes of {@code scope} may compare to {@code literal} as
   * {@code op} asks, whatever its key.
   */
  boolean genericMayMatch(AttributeScope scope, FieldOperator op, Static literal) {
    String values = SearchColumns.attrsPrefix(scope) + "Attrs.list.element.";
    if (literal instanceof Static.StringValue s) {
      return stringMayMatch(values + "Value.list.element", op, s);
    }
    if (isNumber(literal)) {
      return numberMayMatch(values + "ValueInt.list.element", op, literal, Numbers.INTS)
          || numberMayMatch(values + "ValueDouble.list.element", op, literal, Numbers.DOUBLES);
    }
    if (literal instanceof Static.BoolValue b) {
      return boolMayMatch(values + "ValueBool.list.element", op, b.value());
    }
    return false; // attributes never hold statuses, kinds or durations as such
  }

  /** Whether the generic attributes of {@code scope} may have key {@code name}. */
  boolean keyMayOccur(AttributeScope scope, String name) {
    return stringMayMatch(
        SearchColumns.attrsPrefix(scope) + SearchColumns.KEY,
        FieldOperator.EQUAL,
        new Static.StringValue(name));
  }

  private boolean intrinsicMayMatch(Intrinsic intrinsic, FieldOperator op, Static literal) {
    return switch (intrinsic) {
      case NAME, ROOT_NAME -> stringIntrinsic(SPANS + "Name", op, literal);
      case STATUS_MESSAGE -> stringIntrinsic(SPANS + "StatusMessage", op, literal);
      case ROOT_SERVICE_NAME -> stringIntrinsic(RESOURCE + "ServiceName", op, literal);
      case EVENT_NAME -> stringIntrinsic(EVENTS + "Name", op, literal);
      case INSTRUMENTATION_NAME -> stringIntrinsic(SCOPE + "Name", op, literal);
      case INSTRUMENTATION_VERSION -> stringIntrinsic(SCOPE + "Version", op, literal);
      case DURATION ->
          isNumber(literal)
              && numberMayMatch(SPANS + "DurationNano", op, literal, Numbers.DURATIONS);
      case STATUS ->
          literal instanceof Static.StatusValue s
              && codeMayMatch(SPANS + "StatusCode", op, statusCode(s.code()), 2);
      case KIND ->
          literal instanceof Static.KindValue k
              && codeMayMatch(SPANS + "Kind", op, kindNumber(k.kind()), 5);
      default -> true;
    };
  }

  /** The column {@link #mayMatch} reads for {@code intrinsic}, or null when it reads none. */
  static @Nullable String intrinsicColumn(Intrinsic intrinsic) {
    return switch (intrinsic) {
      case NAME, ROOT_NAME -> SPANS + "Name";
      case ROOT_SERVICE_NAME -> RESOURCE + "ServiceName";
      case DURATION -> SPANS + "DurationNano";
      case STATUS -> SPANS + "StatusCode";
      case STATUS_MESSAGE, EVENT_NAME, INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION, KIND ->
          SearchColumns.intrinsicColumn(intrinsic);
      default -> null;
    };
  }

  private boolean stringIntrinsic(String column, FieldOperator op, Static literal) {
    return literal instanceof Static.StringValue s && stringMayMatch(column, op, s);
  }

  /** The OTLP number of a span kind. */
  private static int kindNumber(Static.SpanKind kind) {
    return switch (kind) {
      case UNSPECIFIED -> 0;
      case INTERNAL -> 1;
      case SERVER -> 2;
      case CLIENT -> 3;
      case PRODUCER -> 4;
      case CONSUMER -> 5;
    };
  }

  private static int statusCode(Static.StatusCode code) {
    return switch (code) {
      case UNSET -> 0;
      case OK -> 1;
      case ERROR -> 2;
    };
  }

  /**
   * Whether a column of OTLP enum numbers (1 to {@code max} are named, anything else reads as the
   * zero name) may hold a value whose name compares to {@code code}'s as {@code op} asks.
   */
  private boolean codeMayMatch(String column, FieldOperator op, int code, int max) {
    if (op != FieldOperator.EQUAL && op != FieldOperator.NOT_EQUAL) {
      return false; // statuses and kinds only support = and !=
    }
    Function<Object, Boolean> holds =
        v -> {
          int n = (int) ((Number) v).longValue(); // read back as an OTLP enum number
          int named = n >= 1 && n <= max ? n : 0;
          return (named == code) == (op == FieldOperator.EQUAL);
        };
    return anyValueMayMatch(column, holds, rangeCheck(column, holds));
  }

  /** With only min and max: may a value in [min, max] satisfy {@code holds}? */
  private @Nullable Boolean rangeCheck(String column, Function<Object, Boolean> holds) {
    Statistics<?> stats = stats(column);
    if (stats == null || !stats.hasNonNullValue()) {
      return null;
    }
    if (!(stats.genericGetMin() instanceof Long min)
        || !(stats.genericGetMax() instanceof Long max)) {
      return null;
    }
    if (max - min > 16 || min < 0) {
      return null;
    }
    for (long v = min; v <= max; v++) {
      if (holds.apply(v)) {
        return true;
      }
    }
    return false;
  }

  private boolean stringMayMatch(String column, FieldOperator op, Static.StringValue literal) {
    String v = literal.value();
    Function<Object, Boolean> holds;
    Boolean byRange = null;
    Statistics<?> stats = stats(column);
    boolean ranged = false;
    String min = "";
    String max = "";
    if (stats != null
        && stats.hasNonNullValue()
        && stats.genericGetMin() instanceof Binary low
        && stats.genericGetMax() instanceof Binary high) {
      ranged = true;
      min = low.toStringUsingUTF8();
      max = high.toStringUsingUTF8();
    }
    switch (op) {
      case REGEX, NOT_REGEX -> {
        Pattern pattern;
        try {
          pattern = Pattern.compile(v);
        } catch (PatternSyntaxException e) {
          return true; // the evaluator reports it
        }
        boolean want = op == FieldOperator.REGEX;
        holds = x -> pattern.matcher((String) x).matches() == want;
      }
      case EQUAL -> {
        holds = x -> x.equals(v);
        if (ranged && byteOrderIsCodeUnitOrder(min, max, v)) {
          byRange = min.compareTo(v) <= 0 && v.compareTo(max) <= 0;
        }
      }
      case NOT_EQUAL -> {
        holds = x -> !x.equals(v);
        if (ranged) {
          byRange = !(min.equals(v) && max.equals(v));
        }
      }
      case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> {
        holds = x -> compares(op, ((String) x).compareTo(v));
        if (ranged && byteOrderIsCodeUnitOrder(min, max, v)) {
          byRange =
              (op == FieldOperator.LESS || op == FieldOperator.LESS_EQUAL)
                  ? compares(op, min.compareTo(v))
                  : compares(op, max.compareTo(v));
        }
      }
      default -> {
        return false; // arithmetic is not a comparison
      }
    }
    return anyValueMayMatch(column, onBinary(holds, op, v), byRange);
  }

  /**
   * {@code holds} for values that may also be undecoded UTF-8 ({@link Binary}, as pages and rows
   * give them): equality is decided on the bytes, anything else on the decoded string.
   */
  private static Function<Object, Boolean> onBinary(
      Function<Object, Boolean> holds, FieldOperator op, String v) {
    if (op == FieldOperator.EQUAL || op == FieldOperator.NOT_EQUAL) {
      Binary bytes = Binary.fromString(v);
      boolean want = op == FieldOperator.EQUAL;
      return x -> x instanceof Binary b ? b.equals(bytes) == want : holds.apply(x);
    }
    return x -> holds.apply(x instanceof Binary b ? b.toStringUsingUTF8() : x);
  }

  /** How the values of a numeric column are compared, as the evaluator compares them. */
  private enum Numbers {
    /** Integer attributes: integer literals compare exactly, others as doubles. */
    INTS,
    /** Float attributes: as doubles. */
    DOUBLES,
    /** Span durations, {@code max(0, value)} as read back: as doubles. */
    DURATIONS
  }

  private boolean numberMayMatch(String column, FieldOperator op, Static literal, Numbers kind) {
    if (!isComparison(op)) {
      return false;
    }
    boolean exact = kind == Numbers.INTS && literal instanceof Static.IntValue;
    long exactValue = literal instanceof Static.IntValue i ? i.value() : 0;
    double v = number(literal);
    // The order of a stored value against the literal as the evaluator sees it; null for NaN.
    Function<Number, @Nullable Integer> order =
        n -> {
          if (exact && n instanceof Long l) {
            return Long.compare(l, exactValue);
          }
          double d = kind == Numbers.DURATIONS ? Math.max(0, n.longValue()) : n.doubleValue();
          return Double.isNaN(d) || Double.isNaN(v) ? null : d < v ? -1 : d > v ? 1 : 0;
        };
    Function<Object, Boolean> holds =
        x -> {
          Integer o = order.apply((Number) x);
          return o == null ? op == FieldOperator.NOT_EQUAL : compares(op, o);
        };
    Boolean byRange = null;
    Statistics<?> stats = stats(column);
    if (stats != null
        && stats.hasNonNullValue()
        && stats.genericGetMin() instanceof Number min
        && stats.genericGetMax() instanceof Number max) {
      // Durations are unsigned: a huge one reads as a negative long and breaks the order. Float
      // statistics leave NaN out, and NaN is unequal to everything.
      boolean trusted =
          kind == Numbers.DURATIONS
              ? min.longValue() >= 0 && max.longValue() >= 0
              : kind == Numbers.INTS || op != FieldOperator.NOT_EQUAL;
      Integer low = order.apply(min);
      Integer high = order.apply(max);
      if (trusted && low != null && high != null) {
        byRange =
            switch (op) {
              case EQUAL -> low <= 0 && high >= 0;
              case NOT_EQUAL -> !(low == 0 && high == 0);
              case LESS -> low < 0;
              case LESS_EQUAL -> low <= 0;
              case GREATER -> high > 0;
              default -> high >= 0;
            };
      }
    }
    return anyValueMayMatch(column, holds, byRange);
  }

  private static boolean isComparison(FieldOperator op) {
    return switch (op) {
      case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> true;
      default -> false;
    };
  }

  private boolean boolMayMatch(String column, FieldOperator op, boolean v) {
    if (op != FieldOperator.EQUAL && op != FieldOperator.NOT_EQUAL) {
      return false;
    }
    boolean want = op == FieldOperator.EQUAL ? v : !v;
    Boolean byRange = null;
    Statistics<?> stats = stats(column);
    if (stats != null
        && stats.hasNonNullValue()
        && stats.genericGetMin() instanceof Boolean min
        && stats.genericGetMax() instanceof Boolean max) {
      byRange = min == want || max == want;
    }
    return anyValueMayMatch(column, x -> x.equals(want), byRange);
  }

  /**
   * Combines what is known of a column: no values at all rules everything out; a range check that
   * rules the value out is final; else the values decide when they are all known; else true.
   */
  private boolean anyValueMayMatch(
      String column, Function<Object, Boolean> holds, @Nullable Boolean byRange) {
    if (!facts.known(column)) {
      return true; // a file without the column: nothing known
    }
    if (!facts.hasValues(column)) {
      return false;
    }
    if (Boolean.FALSE.equals(byRange)) {
      return false;
    }
    Collection<?> values = facts.values(column);
    if (values != null) {
      for (Object value : values) {
        if (holds.apply(value)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /** False only when the column exists and holds no non-null value in the chunk. */
  private boolean hasValues(@Nullable String column) {
    return column != null && facts.hasValues(column);
  }

  private @Nullable Statistics<?> stats(String column) {
    return facts.stats(column);
  }

  /** Parquet orders strings by UTF-8 bytes, Java by UTF-16 units: the same below U+D800. */
  private static boolean byteOrderIsCodeUnitOrder(String... values) {
    for (String s : values) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= 0xD800) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean compares(FieldOperator op, int order) {
    return switch (op) {
      case EQUAL -> order == 0;
      case NOT_EQUAL -> order != 0;
      case LESS -> order < 0;
      case LESS_EQUAL -> order <= 0;
      case GREATER -> order > 0;
      case GREATER_EQUAL -> order >= 0;
      default -> false;
    };
  }

  private static boolean isNumber(Static value) {
    return value instanceof Static.IntValue
        || value instanceof Static.FloatValue
        || value instanceof Static.DurationValue;
  }

  private static double number(Static value) {
    if (value instanceof Static.IntValue v) {
      return v.value();
    }
    if (value instanceof Static.FloatValue v) {
      return v.value();
    }
    return ((Static.DurationValue) value).nanos();
  }
}
