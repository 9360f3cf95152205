package dev.vivace.search;

/**
 * Hears about results as they arrive, for streaming answers. Called on the tiers' threads, one call
 * at a time.
 */
@FunctionalInterface
public interface SearchProgress {

  /** {@code match} is new, or the combination of what was known of its trace and a new fragment. */
  void updated(TraceMatch match);

  /**
   * Called once, before any result, with the counters of the search, which the tiers update as they
   * go: a streaming answer reads them to report progress. Does nothing unless overridden.
   */
  default void started(SearchMetrics metrics) {}
}
