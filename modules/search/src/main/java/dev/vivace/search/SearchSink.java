package dev.vivace.search;

/**
 * Where a tier puts what it finds. Thread-safe: a tier may search several blocks at once.
 *
 * <p>A tier calls {@link #offer} for each matching trace (or fragment of one), checks {@link
 * #isDone()} between units of work and stops early when it is true, counts what it read in {@link
 * #metrics()}, and reports what it could not read with {@link #failure} instead of throwing, so the
 * other tiers still answer and the result is marked partial.
 */
public interface SearchSink {

  /**
   * Takes a match. Returns false when the search needs no more (enough traces, or out of time); the
   * tier should then stop.
   */
  boolean offer(TraceMatch match);

  /**
   * True when the search needs no more: {@code limit} traces found (and the query did not ask for
   * the most recent ones), the deadline passed, or the client went away.
   */
  boolean isDone();

  /**
   * The start of the oldest trace the search would still keep, in Unix epoch nanoseconds, or {@link
   * Long#MIN_VALUE} while any trace would be kept. With {@code most_recent} a tier may skip data
   * that ends before it.
   */
  long oldestKeptStartNanos();

  /** The counters of the search. */
  SearchMetrics metrics();

  /**
   * Reports data that could not be searched: a block ID and a short reason, never span contents.
   */
  void failure(String description);
}
