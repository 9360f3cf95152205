package dev.vivace.ingest;

/** Why spans were refused; the label values match Tempo's {@code tempo_discarded_spans_total}. */
public enum RefusalReason {
  /** The trace would grow past {@code max_bytes_per_trace}. */
  TRACE_TOO_LARGE("trace_too_large"),
  /** The tenant already holds {@code max_traces_per_user} live traces. */
  LIVE_TRACES_EXCEEDED("live_traces_exceeded"),
  /** The tenant's ingestion rate limit was exceeded. */
  RATE_LIMITED("rate_limited");

  private final String label;

  RefusalReason(String label) {
    this.label = label;
  }

  /** Returns the metric label value, e.g. {@code trace_too_large}. */
  public String label() {
    return label;
  }
}
