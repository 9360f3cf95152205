package dev.vivace.search;

/**
 * Finds attribute names and values in one tier, for a tenant. Blocking, like {@link TraceSearcher}.
 */
public interface TagSearcher {

  /** Offers the names of attributes in the requested scopes to {@code sink}, until it is done. */
  void tagNames(String tenant, TagRequest request, TagSink sink);

  /** Offers the distinct values of the requested attribute or intrinsic to {@code sink}. */
  void tagValues(String tenant, TagValuesRequest request, TagSink sink);
}
