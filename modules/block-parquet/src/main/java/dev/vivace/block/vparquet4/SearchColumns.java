package dev.vivace.block.vparquet4;

import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where each attribute and intrinsic is stored in a vParquet4 file (spec §4.4, §5): the dotted
 * column paths a search must read to rebuild what TraceQL looks at.
 */
final class SearchColumns {

  static final String RESOURCE = "rs.list.element.Resource.";
  static final String SCOPE = "rs.list.element.ss.list.element.Scope.";
  static final String SPANS = TraceSchema.SPANS;
  static final String EVENTS = SPANS + "Events.list.element.";
  static final String LINKS = SPANS + "Links.list.element.";

  /** The path of the {@code Key} column of a generic attribute group, such as {@code SPANS}. */
  static final String KEY = "Attrs.list.element.Key";

  /** What every rebuilt trace needs: IDs, parents, times, status, names and services. */
  static final List<String> BASE =
      List.of(
          "TraceID",
          RESOURCE + "ServiceName",
          SPANS + "SpanID",
          SPANS + "ParentSpanID",
          SPANS + "Name",
          SPANS + "StartTimeUnixNano",
          SPANS + "DurationNano",
          SPANS + "StatusCode");

  private SearchColumns() {}

  /**
   * The prefix of the generic attribute group of {@code scope}, never {@link AttributeScope#NONE}.
   */
  static String attrsPrefix(AttributeScope scope) {
    return switch (scope) {
      case RESOURCE -> RESOURCE;
      case SPAN, NONE -> SPANS;
      case EVENT -> EVENTS;
      case LINK -> LINKS;
      case INSTRUMENTATION -> SCOPE;
    };
  }

  /** The scopes an attribute of {@code scope} is looked up in: span then resource when unscoped. */
  static List<AttributeScope> lookupScopes(AttributeScope scope) {
    return scope == AttributeScope.NONE
        ? List.of(AttributeScope.SPAN, AttributeScope.RESOURCE)
        : List.of(scope);
  }

  /**
   * The well-known or dedicated string column holding {@code name} in {@code scope} (resource or
   * span), or null. {@code http.status_code} is not here: its column holds integers.
   */
  static @Nullable String stringColumn(
      AttributeScope scope, String name, DedicatedColumnMapping dedicated) {
    if (scope == AttributeScope.RESOURCE) {
      if (name.equals(WellKnown.SERVICE_NAME)) {
        return RESOURCE + "ServiceName";
      }
      int known = WellKnown.RESOURCE_KEYS.indexOf(name);
      if (known >= 0) {
        return RESOURCE + WellKnown.RESOURCE_COLUMNS.get(known);
      }
      int slot = dedicated.resource().indexOf(name);
      return slot < 0
          ? null
          : RESOURCE + "DedicatedAttributes." + DedicatedColumnMapping.columnName(slot);
    }
    if (scope == AttributeScope.SPAN) {
      if (name.equals(WellKnown.HTTP_METHOD)) {
        return SPANS + "HttpMethod";
      }
      if (name.equals(WellKnown.HTTP_URL)) {
        return SPANS + "HttpUrl";
      }
      int slot = dedicated.span().indexOf(name);
      return slot < 0
          ? null
          : SPANS + "DedicatedAttributes." + DedicatedColumnMapping.columnName(slot);
    }
    return null;
  }

  /** The integer column holding {@code name} in {@code scope}, or null. */
  static @Nullable String intColumn(AttributeScope scope, String name) {
    return scope == AttributeScope.SPAN && name.equals(WellKnown.HTTP_STATUS_CODE)
        ? SPANS + "HttpStatusCode"
        : null;
  }

  /** The column of an intrinsic that is not among {@link #BASE}, or null. */
  static @Nullable String intrinsicColumn(Intrinsic intrinsic) {
    return switch (intrinsic) {
      case STATUS_MESSAGE -> SPANS + "StatusMessage";
      case KIND -> SPANS + "Kind";
      case EVENT_NAME -> EVENTS + "Name";
      case EVENT_TIME_SINCE_START -> EVENTS + "TimeSinceStartNano";
      case LINK_TRACE_ID -> LINKS + "TraceID";
      case LINK_SPAN_ID -> LINKS + "SpanID";
      case INSTRUMENTATION_NAME -> SCOPE + "Name";
      case INSTRUMENTATION_VERSION -> SCOPE + "Version";
      default -> null;
    };
  }

  /**
   * The columns needed to evaluate {@code fields} and build results, besides the generic attributes
   * ({@link #attributeNames}): {@link #BASE}, and each attribute's well-known or dedicated column.
   */
  static Set<String> forFields(List<FieldExpression> fields, DedicatedColumnMapping dedicated) {
    Set<String> paths = new LinkedHashSet<>(BASE);
    for (FieldExpression field : fields) {
      if (field instanceof Attribute a) {
        for (AttributeScope scope : lookupScopes(a.scope())) {
          String column = stringColumn(scope, a.name(), dedicated);
          if (column != null) {
            paths.add(column);
          }
          column = intColumn(scope, a.name());
          if (column != null) {
            paths.add(column);
          }
        }
      } else if (field instanceof Intrinsic i) {
        String column = intrinsicColumn(i);
        if (column != null) {
          paths.add(column);
        }
      }
    }
    return paths;
  }

  /**
   * The attribute names {@code fields} look up, per scope whose generic attributes may hold them (a
   * well-known or dedicated key with a value of another type is stored there too): a chunk whose
   * {@code Key} column has none of a scope's names needs no generic attributes of it.
   */
  static Map<AttributeScope, Set<String>> attributeNames(List<FieldExpression> fields) {
    Map<AttributeScope, Set<String>> names = new EnumMap<>(AttributeScope.class);
    for (FieldExpression field : fields) {
      if (field instanceof Attribute a) {
        for (AttributeScope scope : lookupScopes(a.scope())) {
          names.computeIfAbsent(scope, s -> new LinkedHashSet<>()).add(a.name());
        }
      }
    }
    return names;
  }
}
