package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.SearchColumns.EVENTS;
import static dev.vivace.block.vparquet4.SearchColumns.LINKS;
import static dev.vivace.block.vparquet4.SearchColumns.RESOURCE;
import static dev.vivace.block.vparquet4.SearchColumns.SCOPE;
import static dev.vivace.block.vparquet4.SearchColumns.SPANS;

import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns a tag search that rebuilds traces reads in one row group: those its filter looks at
 * (as a search for the same selector reads them) and those holding what it collects, the asked
 * attribute or intrinsic, or every name of the asked scopes.
 */
final class TagColumns {

  private TagColumns() {}

  /**
   * The dotted paths (columns or groups) that rebuild, for the spans of a row group that {@code
   * summary} describes, {@code fields} and every attribute name of {@code nameScopes}. Events and
   * links are read whole when a field is theirs, as a span counts through each of them.
   */
  static Set<String> paths(
      List<FieldExpression> fields,
      Set<AttributeScope> nameScopes,
      RowGroupSummary summary,
      DedicatedColumnMapping dedicated) {
    Set<String> paths = new LinkedHashSet<>(SearchColumns.forFields(fields, dedicated));
    SearchColumns.attributeNames(fields)
        .forEach(
            (scope, names) -> {
              if (names.stream().anyMatch(name -> summary.keyMayOccur(scope, name))) {
                paths.add(SearchColumns.attrsPrefix(scope) + "Attrs");
              }
            });
    for (FieldExpression field : fields) {
      if (isOf(field, AttributeScope.EVENT)) {
        paths.add(group(EVENTS));
      }
      if (isOf(field, AttributeScope.LINK)) {
        paths.add(group(LINKS));
      }
    }
    for (AttributeScope scope : nameScopes) {
      paths.addAll(names(scope));
    }
    return paths;
  }

  /** Whether {@code field} is read from an event or link ({@code scope}) of a span. */
  private static boolean isOf(FieldExpression field, AttributeScope scope) {
    if (field instanceof Attribute a) {
      return a.scope() == scope;
    }
    return switch ((Intrinsic) field) {
      case EVENT_NAME, EVENT_TIME_SINCE_START -> scope == AttributeScope.EVENT;
      case LINK_TRACE_ID, LINK_SPAN_ID -> scope == AttributeScope.LINK;
      default -> false;
    };
  }

  /** The columns holding attributes of {@code scope}: generic, well-known and dedicated. */
  private static List<String> names(AttributeScope scope) {
    return switch (scope) {
      case RESOURCE -> List.of(group(RESOURCE));
      case SPAN, NONE ->
          List.of(
              SPANS + "Attrs",
              SPANS + "HttpMethod",
              SPANS + "HttpUrl",
              SPANS + "HttpStatusCode",
              SPANS + "DedicatedAttributes");
      case EVENT -> List.of(group(EVENTS));
      case LINK -> List.of(group(LINKS));
      case INSTRUMENTATION -> List.of(group(SCOPE));
    };
  }

  /** The group path of a prefix such as {@link SearchColumns#EVENTS}: without its last dot. */
  private static String group(String prefix) {
    return prefix.substring(0, prefix.length() - 1);
  }
}
