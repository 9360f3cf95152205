package dev.vivace.query.api;

import java.time.Duration;

/**
 * How an incomplete answer is marked, the same way over HTTP and gRPC: Tempo's messages have no
 * field for it (and Grafana refuses unknown fields), so the mark goes beside the body, in the
 * header (HTTP) or trailer (gRPC) {@value #HEADER}, and an answer with nothing in it is an error
 * rather than an empty success.
 */
final class PartialAnswers {

  /** The response header, or gRPC trailer, that marks an incomplete answer and says why. */
  static final String HEADER = "X-Vivace-Search-Partial";

  private static final int MAX_HEADER_CHARS = 1000;

  /** Why an answer that ran out of {@code timeout} may lack results. */
  static String timedOut(Duration timeout) {
    return "search timed out after " + GoFormat.formatDuration(timeout.toNanos());
  }

  /** {@code text} in printable ASCII and of a bounded length, fit for a header or trailer. */
  static String headerValue(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_HEADER_CHARS));
    for (int i = 0; i < text.length() && out.length() < MAX_HEADER_CHARS; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 ? ' ' : c >= 0x7f ? '?' : c);
    }
    return out.toString();
  }

  /**
   * The job counters of an answer that ran out of time: {@code completedJobs} stays below {@code
   * totalJobs}, as Tempo's streaming progress reads them, even when the tiers counted every job
   * they planned (the work never reached counts as one more job).
   */
  static dev.vivace.tempopb.SearchMetrics unfinished(dev.vivace.tempopb.SearchMetrics metrics) {
    if (Integer.compareUnsigned(metrics.getCompletedJobs(), metrics.getTotalJobs()) < 0) {
      return metrics;
    }
    int completed = metrics.getCompletedJobs();
    if (completed == -1) {
      // uint32 saturated: keep the total and count one fewer done.
      return metrics.toBuilder().setCompletedJobs(completed - 1).build();
    }
    return metrics.toBuilder().setTotalJobs(completed + 1).build();
  }

  private PartialAnswers() {}
}
