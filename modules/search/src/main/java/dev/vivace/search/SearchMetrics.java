package dev.vivace.search;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a search inspected, counted concurrently by the tiers: Tempo's {@code SearchMetrics}. A
 * "job" is one unit of work a tier reports (a block, or the live traces of a tenant).
 */
public final class SearchMetrics {

  private final AtomicLong inspectedTraces = new AtomicLong();
  private final AtomicLong inspectedBytes = new AtomicLong();
  private final AtomicLong inspectedSpans = new AtomicLong();
  private final AtomicLong totalBlocks = new AtomicLong();
  private final AtomicLong totalBlockBytes = new AtomicLong();
  private final AtomicLong totalJobs = new AtomicLong();
  private final AtomicLong completedJobs = new AtomicLong();

  /** Counts traces and spans looked at, and bytes read to do so. */
  public void inspected(long traces, long spans, long bytes) {
    inspectedTraces.addAndGet(traces);
    inspectedSpans.addAndGet(spans);
    inspectedBytes.addAndGet(bytes);
  }

  /** Counts a block that the search will look at, and its size. */
  public void block(long bytes) {
    totalBlocks.incrementAndGet();
    totalBlockBytes.addAndGet(bytes);
  }

  /** Counts jobs planned. */
  public void jobsPlanned(int jobs) {
    totalJobs.addAndGet(jobs);
  }

  /** Counts a job done (or skipped because the search had enough). */
  public void jobCompleted() {
    completedJobs.incrementAndGet();
  }

  /** Traces looked at. */
  public long inspectedTraces() {
    return inspectedTraces.get();
  }

  /** Bytes read from storage (or held in memory) to look at them. */
  public long inspectedBytes() {
    return inspectedBytes.get();
  }

  /** Spans looked at. */
  public long inspectedSpans() {
    return inspectedSpans.get();
  }

  /** Blocks planned for the search. */
  public long totalBlocks() {
    return totalBlocks.get();
  }

  /** Their size. */
  public long totalBlockBytes() {
    return totalBlockBytes.get();
  }

  /** Jobs planned. */
  public long totalJobs() {
    return totalJobs.get();
  }

  /** Jobs done. */
  public long completedJobs() {
    return completedJobs.get();
  }
}
