package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.query.TimeRange;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.SpanFilter;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search for attribute names.
 *
 * @param scopes the scopes whose names are wanted, never {@link AttributeScope#NONE}
 * @param filter when not null, only names seen on spans (and their resources, events, links and
 *     scopes) that match it count
 * @param range the window; both ends zero means recent data only, as for {@link SearchRequest}
 */
public record TagRequest(Set<AttributeScope> scopes, @Nullable SpanFilter filter, TimeRange range) {

  /** Copies the scopes. */
  public TagRequest {
    scopes = Set.copyOf(scopes);
    requireNonNull(range, "range");
    if (scopes.contains(AttributeScope.NONE)) {
      throw new IllegalArgumentException("scopes: " + scopes + " (expected: no NONE)");
    }
  }

  /** True when neither {@code start} nor {@code end} was given. */
  public boolean recentOnly() {
    return range.startSeconds() == 0 && range.endSeconds() == 0;
  }
}
