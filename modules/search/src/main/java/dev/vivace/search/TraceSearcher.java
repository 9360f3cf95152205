package dev.vivace.search;

/**
 * Searches the traces one tier holds for a tenant: live traces, blocks being written, or blocks in
 * the object store. Blocking; must not run on an event loop.
 */
public interface TraceSearcher {

  /**
   * Offers every trace of {@code tenant} in this tier that matches {@code request} to {@code sink},
   * until the sink is done. A tier that holds only recent data searches whatever the range; a tier
   * of stored blocks searches nothing when {@link SearchRequest#recentOnly()}, and otherwise only
   * the blocks whose time range overlaps the request's.
   */
  void search(String tenant, SearchRequest request, SearchSink sink);
}
