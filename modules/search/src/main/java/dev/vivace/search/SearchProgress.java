package dev.vivace.search;

/**
 * Hears about results as they arrive, for streaming answers. Called on the tiers' threads, one call
 * at a time.
 */
@FunctionalInterface
public interface SearchProgress {

  /** {@code match} is new, or the combination of what was known of its trace and a new fragment. */
  void updated(TraceMatch match);
}
