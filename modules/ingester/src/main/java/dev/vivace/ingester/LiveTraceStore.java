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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Holds every tenant's traces in memory until they are in blocks: live traces, which still receive
 * spans and count against the tenant's limits; the head block, traces idle for the trace idle
 * period; and blocks being written. Lookups see all three.
 */
public final class LiveTraceStore implements TraceSink, TraceFinder {

  /** Returns a builder with Tempo's defaults. */
  public static LiveTraceStoreBuilder builder() {
    return new LiveTraceStoreBuilder();
  }

  private final Clock clock;
  private final Duration traceIdlePeriod;
  private final Duration maxBlockDuration;
  private final long maxBlockBytes;
  private final Function<String, IngestLimits> limits;
  private final Map<String, TenantTraces> tenants = new ConcurrentHashMap<>();
  private final AtomicLong heldBytes = new AtomicLong();

  LiveTraceStore(
      Clock clock,
      Duration traceIdlePeriod,
      Duration maxBlockDuration,
      long maxBlockBytes,
      Function<String, IngestLimits> limits) {
    this.clock = requireNonNull(clock, "clock");
    this.traceIdlePeriod = requireNonNull(traceIdlePeriod, "traceIdlePeriod");
    this.maxBlockDuration = requireNonNull(maxBlockDuration, "maxBlockDuration");
    this.maxBlockBytes = maxBlockBytes;
    this.limits = requireNonNull(limits, "limits");
  }

  /** Stores spans without a write-ahead log (nothing to make durable). */
  @Override
  public PushResult push(String tenant, List<ResourceSpans> batches) {
    return accept(tenant, batches, Long.MAX_VALUE).result();
  }

  /**
   * Stores the spans the tenant's limits allow, recording that they will be in log segment {@code
   * walSegment} or later.
   */
  public PushReceipt accept(String tenant, List<ResourceSpans> batches, long walSegment) {
    return push(tenant, batches, walSegment, true);
  }

  /**
   * Stores spans replayed from the write-ahead log: they were accepted once, so no limit applies.
   */
  public void restore(String tenant, List<ResourceSpans> batches, long walSegment) {
    push(tenant, batches, walSegment, false);
  }

  private PushReceipt push(
      String tenant, List<ResourceSpans> batches, long walSegment, boolean enforceLimits) {
    requireNonNull(tenant, "tenant");
    Map<TraceId, List<ResourceSpans>> byTrace = TraceSplitter.split(batches);
    IngestLimits tenantLimits = requireNonNull(limits.apply(tenant), "limits");
    PushReceipt receipt =
        tenants
            .computeIfAbsent(tenant, TenantTraces::new)
            .push(byTrace, tenantLimits, clock.millis(), walSegment, enforceLimits);
    heldBytes.addAndGet(receipt.addedBytes());
    return receipt;
  }

  /** Takes back the spans a push added, because they could not be made durable. */
  public void rollback(PushReceipt receipt) {
    TenantTraces traces = tenants.get(receipt.tenant());
    if (traces != null) {
      heldBytes.addAndGet(-traces.rollback(receipt));
    }
  }

  @Override
  public TraceLookup find(String tenant, TraceId traceId, TimeRange range) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? TraceLookup.EMPTY : traces.find(traceId);
  }

  /** Every trace {@code tenant} holds in memory, once each, as {@link TenantTraces#snapshot()}. */
  List<HeldTrace> snapshot(String tenant) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? List.of() : traces.snapshot();
  }

  /**
   * Moves every live trace that received no span for the trace idle period to its tenant's head
   * block.
   *
   * @return how many traces were moved
   */
  public int cutIdleTraces() {
    long now = clock.millis();
    return cutIdle(now - traceIdlePeriod.toMillis(), now);
  }

  private int cutIdle(long idleBeforeMillis, long now) {
    int cut = 0;
    for (TenantTraces traces : tenants.values()) {
      cut += traces.cutIdle(idleBeforeMillis, now);
    }
    return cut;
  }

  /**
   * Cuts the head block of every tenant whose head block is older than the max block duration or
   * larger than the max block bytes. With {@code everything}, first makes every live trace complete
   * and cuts every non-empty head block, as a flush or a shutdown needs.
   */
  public List<HeadBlock> cutBlocks(boolean everything) {
    return cutBlocks(everything, everything);
  }

  /**
   * Cuts head blocks: those old or large enough, or every non-empty one when {@code allHeads}
   * (memory is short), after first making every live trace complete when {@code allLive}.
   */
  public List<HeadBlock> cutBlocks(boolean allLive, boolean allHeads) {
    long now = clock.millis();
    if (allLive) {
      cutIdle(Long.MAX_VALUE, now);
    }
    List<HeadBlock> blocks = new ArrayList<>();
    for (TenantTraces traces : tenants.values()) {
      HeadBlock block = traces.cutBlock(now, maxBlockDuration.toMillis(), maxBlockBytes, allHeads);
      if (block != null) {
        blocks.add(block);
      }
    }
    return blocks;
  }

  /**
   * Forgets a block's traces once the block is durable and visible to queries. Idempotent: a block
   * already forgotten changes nothing.
   */
  public void flushed(HeadBlock block) {
    TenantTraces traces = tenants.get(block.tenant());
    if (traces != null && traces.flushed(block.blockId())) {
      heldBytes.addAndGet(-block.bytes());
    }
  }

  /**
   * The lowest write-ahead log segment a held trace came from: older segments are no longer needed.
   * {@code Long.MAX_VALUE} when nothing is held.
   */
  public long lowestWalSegment() {
    long min = Long.MAX_VALUE;
    for (TenantTraces traces : tenants.values()) {
      min = Math.min(min, traces.lowestSegment());
    }
    return min;
  }

  /** Returns the bytes of spans held in memory, over all tenants and stages. */
  public long heldBytes() {
    return heldBytes.get();
  }

  /** Returns the number of live traces {@code tenant} holds now. */
  public int liveTraces(String tenant) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? 0 : traces.liveCount();
  }

  /** Returns the number of traces in {@code tenant}'s head block. */
  public int headTraces(String tenant) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? 0 : traces.headCount();
  }

  @Override
  public String toString() {
    return "LiveTraceStore{tenants="
        + tenants.size()
        + ", traceIdlePeriod="
        + traceIdlePeriod
        + "}";
  }
}
