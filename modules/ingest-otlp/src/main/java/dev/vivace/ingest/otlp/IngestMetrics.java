package dev.vivace.ingest.otlp;

import dev.vivace.ingest.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Ingest counters, under the names Tempo's dashboards know. */
final class IngestMetrics {

  private final MeterRegistry registry;

  IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void received(String tenant, int spans, long bytes) {
    counter("tempo_distributor_spans_received", "Spans received, per tenant.", "tenant", tenant)
        .increment(spans);
    counter(
            "tempo_distributor_bytes_received",
            "Span bytes received, per tenant.",
            "tenant",
            tenant)
        .increment((double) bytes);
  }

  void refused(String tenant, RefusalReason reason, int spans) {
    discarded(tenant, reason.label(), spans);
  }

  void invalid(String tenant, int spans) {
    discarded(tenant, "invalid", spans);
  }

  void unavailable(String tenant, int spans) {
    discarded(tenant, "unavailable", spans);
  }

  void malformed(String transport) {
    counter(
            "vivace_distributor_malformed_requests",
            "Requests whose body could not be read as OTLP, per transport.",
            "transport",
            transport)
        .increment();
  }

  private void discarded(String tenant, String reason, int spans) {
    Counter.builder("tempo_discarded_spans")
        .description("Spans refused, per tenant and reason.")
        .tag("tenant", tenant)
        .tag("reason", reason)
        .register(registry)
        .increment(spans);
  }

  private Counter counter(String name, String description, String tagKey, String tagValue) {
    return Counter.builder(name).description(description).tag(tagKey, tagValue).register(registry);
  }
}
