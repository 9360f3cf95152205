package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.TraceSink;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.TraceSplitter;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Holds the traces of every tenant in memory: live traces, which still receive spans and count
 * against the tenant's limits, and completed traces, which went idle for the trace idle period.
 * It is the seam where the write-ahead log and block cutting attach: they take over the completed
 * tier.
 */
public final class LiveTraceStore implements TraceSink, TraceFinder {

  /** Returns a builder with Tempo's defaults. */
  public static LiveTraceStoreBuilder builder() {
    return new LiveTraceStoreBuilder();
  }

  private final Clock clock;
  private final Duration traceIdlePeriod;
  private final Function<String, IngestLimits> limits;
  private final Map<String, TenantTraces> tenants = new ConcurrentHashMap<>();

  LiveTraceStore(Clock clock, Duration traceIdlePeriod, Function<String, IngestLimits> limits) {
    this.clock = requireNonNull(clock, "clock");
    this.traceIdlePeriod = requireNonNull(traceIdlePeriod, "traceIdlePeriod");
    this.limits = requireNonNull(limits, "limits");
  }

  @Override
  public PushResult push(String tenant, List<ResourceSpans> batches) {
    requireNonNull(tenant, "tenant");
    Map<TraceId, List<ResourceSpans>> byTrace = TraceSplitter.split(batches);
    if (byTrace.isEmpty()) {
      return PushResult.accepted(0);
    }
    IngestLimits tenantLimits = requireNonNull(limits.apply(tenant), "limits");
    return tenants
        .computeIfAbsent(tenant, TenantTraces::new)
        .push(byTrace, tenantLimits, clock.millis());
  }

  @Override
  public TraceLookup find(String tenant, TraceId traceId, TimeRange range) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? TraceLookup.EMPTY : traces.find(traceId);
  }

  /**
   * Moves every live trace that received no span for the trace idle period to the completed tier.
   *
   * @return how many traces were moved
   */
  public int cutIdleTraces() {
    long idleBefore = clock.millis() - traceIdlePeriod.toMillis();
    int cut = 0;
    for (TenantTraces traces : tenants.values()) {
      cut += traces.cutIdle(idleBefore);
    }
    return cut;
  }

  /** Returns the number of live traces {@code tenant} holds now. */
  public int liveTraces(String tenant) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? 0 : traces.liveCount();
  }

  /** Returns the number of completed traces {@code tenant} holds now. */
  public int completedTraces(String tenant) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? 0 : traces.completedCount();
  }

  @Override
  public String toString() {
    return "LiveTraceStore{tenants=" + tenants.size() + ", traceIdlePeriod=" + traceIdlePeriod + "}";
  }
}
