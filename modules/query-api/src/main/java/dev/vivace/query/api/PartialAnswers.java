package dev.vivace.query.api;

import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Why an answer may lack results: the time-out ({@code timeout}, Tempo's {@code
   * querier.search.query_timeout}), and what could not be read.
   */
  static String describe(boolean timedOut, List<String> failures, Duration timeout) {
    List<String> parts = new ArrayList<>(2);
    if (timedOut) {
      parts.add(timedOut(timeout) + " (querier.search.query_timeout)");
    }
    if (!failures.isEmpty()) {
      parts.add(
          failures.size() + " could not be searched: " + TraceQueries.describeFailures(failures));
    }
    return String.join("; ", parts);
  }

  /**
   * The answer to an incomplete search that found nothing, since an empty 200 would say that
   * nothing matches: 503 when data could not be read, else 504 (out of time). {@code what} names
   * the results sought, such as {@code traces}.
   */
  static HttpResponse nothingFound(String what, List<String> failures, String missing) {
    return failures.isEmpty()
        ? QueryExceptionHandler.text(HttpStatus.GATEWAY_TIMEOUT, missing + "\n")
        : QueryExceptionHandler.text(
            HttpStatus.SERVICE_UNAVAILABLE,
            "search incomplete, matching "
                + what
                + " may be in data that could not be read: "
                + missing
                + "\n");
  }

  /**
   * The trailers that end a streaming call after its messages: OK when complete; OK with {@code
   * x-vivace-search-partial} when it ran out of {@code timeout} after finding something;
   * DEADLINE_EXCEEDED when it ran out of time with nothing found ({@code empty}), since an empty
   * answer would say that nothing matches; INTERNAL naming the {@code failures} when some data
   * could not be read, as Tempo fails a search when one of its jobs fails.
   */
  static HttpHeaders trailers(
      boolean timedOut, boolean empty, List<String> failures, Duration timeout) {
    if (!failures.isEmpty()) {
      return GrpcWire.trailers(
          GrpcCode.INTERNAL,
          "search incomplete, some data could not be read: "
              + TraceQueries.describeFailures(failures));
    }
    if (!timedOut) {
      return GrpcWire.trailers(GrpcCode.OK, null);
    }
    if (empty) {
      return GrpcWire.trailers(GrpcCode.DEADLINE_EXCEEDED, timedOut(timeout));
    }
    return GrpcWire.trailers(GrpcCode.OK, null).toBuilder()
        .add(HEADER, headerValue(timedOut(timeout)))
        .build();
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
