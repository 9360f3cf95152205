package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.SearchColumns.RESOURCE;
import static dev.vivace.block.vparquet4.SearchColumns.SPANS;

import dev.vivace.block.BlockMeta;
import dev.vivace.search.TagMatcher;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.storage.ObjectStore;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.Static;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.apache.parquet.schema.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Attribute names and values in one block. Without a filter they come from the columns: the
 * dictionaries of the generic {@code Key} columns (or their values), the well-known and dedicated
 * columns that hold a value, and for values the typed columns that hold them. With a filter the
 * traces are rebuilt and only spans the filter matches count: from the row groups and pages the
 * filter may match, with only the columns the filter and the asked tag or scopes need.
 */
final class BlockTags {

  /** The intrinsics whose values are read from their columns; the others rebuild traces. */
  static final Set<Intrinsic> COLUMN_INTRINSICS =
      Set.of(
          Intrinsic.NAME,
          Intrinsic.STATUS,
          Intrinsic.STATUS_MESSAGE,
          Intrinsic.KIND,
          Intrinsic.ROOT_NAME,
          Intrinsic.ROOT_SERVICE_NAME,
          Intrinsic.EVENT_NAME,
          Intrinsic.INSTRUMENTATION_NAME,
          Intrinsic.INSTRUMENTATION_VERSION);

  private final ObjectStore store;
  private final BlockMeta meta;
  private final DedicatedColumnMapping dedicated;
  private final @Nullable FooterCache footers;

  BlockTags(
      ObjectStore store,
      BlockMeta meta,
      DedicatedColumnMapping dedicated,
      @Nullable FooterCache footers) {
    this.footers = footers;
    this.store = store;
    this.meta = meta;
    this.dedicated = dedicated;
  }

  void tagNames(TagRequest request, TagSink sink) {
    AtomicLong bytesRead = new AtomicLong();
    Map<AttributeScope, Set<String>> offered = new EnumMap<>(AttributeScope.class);
    Predicate<Named> add =
        n ->
            !offered.computeIfAbsent(n.scope, s -> new HashSet<>()).add(n.name)
                || sink.addName(n.scope, n.name);
    try (BlockScan scan = BlockScan.open(store, meta, bytesRead, footers)) {
      SpanFilter filter = request.filter();
      for (int i = 0; i < scan.rowGroups() && !sink.isDone(); i++) {
        if (filter != null) {
          forEachTrace(
              scan,
              i,
              filter,
              List.of(),
              request.scopes(),
              (id, batches) -> TagMatcher.names(request, id, batches, sink));
          continue;
        }
        Map<String, ColumnChunkMetaData> chunks = scan.chunks(i);
        for (AttributeScope scope : request.scopes()) {
          String keys = SearchColumns.attrsPrefix(scope) + SearchColumns.KEY;
          if (!values(scan, i, chunks, keys, key -> add.test(new Named(scope, (String) key)))) {
            return;
          }
          for (Map.Entry<String, String> column : namedColumns(scope).entrySet()) {
            if (hasValue(scan, i, chunks, column.getValue())
                && !add.test(new Named(scope, column.getKey()))) {
              return;
            }
          }
        }
      }
    } finally {
      sink.inspectedBytes(bytesRead.get());
    }
  }

  /**
   * Offers the attribute names or values of every trace of a block that cannot be read by its
   * columns (vParquet3): each row is rebuilt with {@code decoder} and given to {@code work} ({@link
   * TagMatcher#names} or {@link TagMatcher#values}), until the sink is done.
   */
  void everyRow(TagSink sink, RowDecoder decoder, BlockScan.TraceWork work) {
    AtomicLong bytesRead = new AtomicLong();
    try (BlockScan scan = BlockScan.open(store, meta, bytesRead, footers)) {
      MessageType projection = decoder.projection(scan.fileSchema());
      for (int i = 0; i < scan.rowGroups() && !sink.isDone(); i++) {
        if (!scan.forEachTrace(i, projection, null, decoder, work)) {
          return;
        }
      }
    } finally {
      sink.inspectedBytes(bytesRead.get());
    }
  }

  private record Named(AttributeScope scope, String name) {}

  /** Attribute names with columns of their own in {@code scope}, each with its column. */
  private Map<String, String> namedColumns(AttributeScope scope) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    if (scope == AttributeScope.RESOURCE) {
      names.add(WellKnown.SERVICE_NAME);
      names.addAll(WellKnown.RESOURCE_KEYS);
      names.addAll(dedicated.resource());
    } else if (scope == AttributeScope.SPAN) {
      names.add(WellKnown.HTTP_METHOD);
      names.add(WellKnown.HTTP_URL);
      names.add(WellKnown.HTTP_STATUS_CODE);
      names.addAll(dedicated.span());
    }
    for (String name : names) {
      String column = SearchColumns.stringColumn(scope, name, dedicated);
      if (column == null) {
        column = SearchColumns.intColumn(scope, name);
      }
      if (column != null) {
        out.put(name, column);
      }
    }
    return out;
  }

  /** Whether column {@code path} holds a value (a non-empty one for {@code ServiceName}). */
  private static boolean hasValue(
      BlockScan scan, int i, Map<String, ColumnChunkMetaData> chunks, String path) {
    ColumnChunkMetaData chunk = chunks.get(path);
    if (chunk == null) {
      return false;
    }
    var stats = chunk.getStatistics();
    boolean serviceName = path.equals(RESOURCE + "ServiceName");
    if (stats != null && stats.isNumNullsSet() && stats.getNumNulls() >= chunk.getValueCount()) {
      return false;
    }
    if (stats != null && stats.hasNonNullValue() && stats.isNumNullsSet()) {
      return !serviceName || !stats.maxAsString().isEmpty();
    }
    boolean[] found = {false};
    scan.forEachValue(
        i,
        path,
        v -> {
          found[0] = !serviceName || !((String) v).isEmpty();
          return !found[0];
        });
    return found[0];
  }

  /**
   * Passes the values of column {@code path} of row group {@code i} to {@code each} until it
   * returns false, and returns false then: the chunk's dictionary when it lists every value, or
   * else every value of its pages, repeats included (callers drop those they have offered).
   */
  private static boolean values(
      BlockScan scan,
      int i,
      Map<String, ColumnChunkMetaData> chunks,
      String path,
      Predicate<Object> each) {
    ColumnChunkMetaData chunk = chunks.get(path);
    if (chunk == null) {
      return true;
    }
    Optional<List<Object>> dictionary = scan.dictionary(i, chunk);
    if (dictionary.isPresent()) {
      for (Object v : dictionary.get()) {
        if (!each.test(v)) {
          return false;
        }
      }
      return true;
    }
    boolean[] more = {true};
    scan.forEachValue(
        i,
        path,
        v -> {
          more[0] = each.test(v);
          return more[0];
        });
    return more[0];
  }

  void tagValues(TagValuesRequest request, TagSink sink) {
    AtomicLong bytesRead = new AtomicLong();
    Set<Static> offered = new HashSet<>();
    Predicate<Static> add = v -> !offered.add(v) || sink.addValue(v);
    FieldExpression tag = request.tag();
    if (tag == Intrinsic.DURATION || tag == Intrinsic.TRACE_DURATION) {
      return; // Tempo lists no values for durations
    }
    // With a filter, or for intrinsics without a column of their own, rebuild and match traces.
    boolean rebuild =
        request.filter() != null || (tag instanceof Intrinsic i && !COLUMN_INTRINSICS.contains(i));
    try (BlockScan scan = BlockScan.open(store, meta, bytesRead, footers)) {
      for (int i = 0; i < scan.rowGroups() && !sink.isDone(); i++) {
        boolean more =
            rebuild
                ? forEachTrace(
                    scan,
                    i,
                    request.filter(),
                    List.of(tag),
                    Set.of(),
                    (id, batches) -> TagMatcher.values(request, id, batches, sink))
                : tag instanceof Attribute a
                    ? attributeValues(scan, i, a, add)
                    : intrinsicValues(scan, i, (Intrinsic) tag, add);
        if (!more) {
          return;
        }
      }
    } finally {
      sink.inspectedBytes(bytesRead.get());
    }
  }

  private boolean attributeValues(BlockScan scan, int i, Attribute tag, Predicate<Static> add) {
    Map<String, ColumnChunkMetaData> chunks = scan.chunks(i);
    RowGroupSummary summary = new RowGroupSummary(scan, i, dedicated);
    for (AttributeScope scope : SearchColumns.lookupScopes(tag.scope())) {
      String column = SearchColumns.stringColumn(scope, tag.name(), dedicated);
      if (column != null) {
        boolean serviceName = column.equals(RESOURCE + "ServiceName");
        // An empty ServiceName is no service.name attribute (spec §5.2).
        boolean more =
            values(
                scan,
                i,
                chunks,
                column,
                v ->
                    (serviceName && ((String) v).isEmpty())
                        || add.test(new Static.StringValue((String) v)));
        if (!more) {
          return false;
        }
      }
      column = SearchColumns.intColumn(scope, tag.name());
      if (column != null
          && !values(scan, i, chunks, column, v -> add.test(new Static.IntValue((Long) v)))) {
        return false;
      }
      if (summary.keyMayOccur(scope, tag.name())) {
        MessageType attrs =
            TraceSchema.select(
                scan.fileSchema(),
                Set.of(TraceIdColumn.NAME, SearchColumns.attrsPrefix(scope) + "Attrs"));
        boolean more =
            scan.forEachTrace(
                i,
                attrs,
                null,
                new RowDecoder(dedicated),
                (traceId, batches) -> {
                  for (List<KeyValue> list : attributeLists(batches, scope)) {
                    for (KeyValue kv : list) {
                      Static value = kv.getKey().equals(tag.name()) ? scalar(kv.getValue()) : null;
                      if (value != null && !add.test(value)) {
                        return false;
                      }
                    }
                  }
                  return true;
                });
        if (!more) {
          return false;
        }
      }
    }
    return true;
  }

  /** The generic attribute lists of {@code scope} in rebuilt batches. */
  private static List<List<KeyValue>> attributeLists(
      List<ResourceSpans> batches, AttributeScope scope) {
    List<List<KeyValue>> out = new ArrayList<>();
    for (ResourceSpans rs : batches) {
      if (scope == AttributeScope.RESOURCE) {
        out.add(rs.getResource().getAttributesList());
      }
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        if (scope == AttributeScope.INSTRUMENTATION) {
          out.add(ss.getScope().getAttributesList());
        }
        for (Span span : ss.getSpansList()) {
          switch (scope) {
            case SPAN -> out.add(span.getAttributesList());
            case EVENT -> span.getEventsList().forEach(e -> out.add(e.getAttributesList()));
            case LINK -> span.getLinksList().forEach(l -> out.add(l.getAttributesList()));
            default -> {}
          }
        }
      }
    }
    return out;
  }

  /** A scalar OTLP value as TraceQL sees it; null for arrays, maps, bytes and empty values. */
  private static @Nullable Static scalar(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> new Static.StringValue(value.getStringValue());
      case INT_VALUE -> new Static.IntValue(value.getIntValue());
      case DOUBLE_VALUE -> new Static.FloatValue(value.getDoubleValue());
      case BOOL_VALUE -> new Static.BoolValue(value.getBoolValue());
      default -> null;
    };
  }

  private static boolean intrinsicValues(
      BlockScan scan, int i, Intrinsic tag, Predicate<Static> add) {
    String column =
        switch (tag) {
          case NAME -> SPANS + "Name";
          case STATUS -> SPANS + "StatusCode";
          case KIND -> SPANS + "Kind";
          case ROOT_NAME -> "RootSpanName";
          case ROOT_SERVICE_NAME -> "RootServiceName";
          default -> SearchColumns.intrinsicColumn(tag);
        };
    if (column == null) {
      return true;
    }
    boolean root = column.startsWith("Root");
    return values(
        scan,
        i,
        scan.chunks(i),
        column,
        v -> {
          if (root && "".equals(v)) {
            return true; // no root span
          }
          Static value =
              switch (tag) {
                case STATUS -> new Static.StatusValue(status((Long) v));
                case KIND -> new Static.KindValue(kind((Long) v));
                default -> new Static.StringValue((String) v);
              };
          return add.test(value);
        });
  }

  private static Static.StatusCode status(long code) {
    return switch ((int) code) {
      case 1 -> Static.StatusCode.OK;
      case 2 -> Static.StatusCode.ERROR;
      default -> Static.StatusCode.UNSET;
    };
  }

  private static Static.SpanKind kind(long kind) {
    int k = (int) kind;
    Static.SpanKind[] kinds = Static.SpanKind.values();
    return k >= 1 && k < kinds.length ? kinds[k] : Static.SpanKind.UNSPECIFIED;
  }

  /**
   * Rebuilds for {@code work} the traces of row group {@code i} that {@code filter} (when not null)
   * may match, by the row group's statistics and page index, with only the columns that the filter,
   * {@code fields} and the names of {@code nameScopes} need ({@link TagColumns}).
   */
  private boolean forEachTrace(
      BlockScan scan,
      int i,
      @Nullable SpanFilter filter,
      List<FieldExpression> fields,
      Set<AttributeScope> nameScopes,
      BlockScan.TraceWork work) {
    RowGroupSummary summary = new RowGroupSummary(scan, i, dedicated);
    List<FieldExpression> read = new ArrayList<>(fields);
    RowRanges rows = null;
    if (filter != null) {
      if (!filter.mayMatch(summary)) {
        return true;
      }
      read.addAll(filter.fields());
      rows = scan.pageRows(i, filter.source().condition(), summary, dedicated);
    }
    MessageType projection =
        TraceSchema.select(
            scan.fileSchema(), TagColumns.paths(read, nameScopes, summary, dedicated));
    return scan.forEachTrace(i, projection, rows, new RowDecoder(dedicated), work);
  }
}
