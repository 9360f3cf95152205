package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.query.TimeRange;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanFilter;
import org.jspecify.annotations.Nullable;

/**
 * A search for the values of one attribute or intrinsic.
 *
 * @param tag an {@link Attribute} (unscoped means span or resource attributes) or an {@link
 *     Intrinsic}
 * @param filter when not null, only values of spans that match it count
 * @param range the window; both ends zero means recent data only, as for {@link SearchRequest}
 */
public record TagValuesRequest(FieldExpression tag, @Nullable SpanFilter filter, TimeRange range) {

  /** Validates the request. */
  public TagValuesRequest {
    requireNonNull(tag, "tag");
    requireNonNull(range, "range");
    if (!(tag instanceof Attribute) && !(tag instanceof Intrinsic)) {
      throw new IllegalArgumentException("tag: " + tag + " (expected: an attribute or intrinsic)");
    }
  }

  /** True when neither {@code start} nor {@code end} was given. */
  public boolean recentOnly() {
    return range.startSeconds() == 0 && range.endSeconds() == 0;
  }
}
