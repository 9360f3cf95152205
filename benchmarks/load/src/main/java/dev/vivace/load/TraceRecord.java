package dev.vivace.load;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What became of one sent trace: how many of its requests are unanswered, and whether any failed.
 */
final class TraceRecord {

  final long index;
  final int spans;
  private final AtomicInteger pendingRequests;
  private volatile boolean refused;
  private volatile boolean failed;

  TraceRecord(long index, int spans, int requests) {
    this.index = index;
    this.spans = spans;
    this.pendingRequests = new AtomicInteger(requests);
  }

  void acknowledged(long rejectedSpans) {
    if (rejectedSpans > 0) {
      refused = true;
    }
    pendingRequests.decrementAndGet();
  }

  void failed() {
    failed = true;
    pendingRequests.decrementAndGet();
  }

  /** True when every request carrying the trace's spans was answered OK with nothing refused. */
  boolean fullyAcknowledged() {
    return pendingRequests.get() == 0 && !refused && !failed;
  }

  boolean refused() {
    return refused;
  }
}
