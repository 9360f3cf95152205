package dev.vivace.ingester;

import dev.vivace.ingest.PushResult;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a push changed: the answer for the client, and the spans it added per trace, which must be
 * made durable, or taken back with {@link LiveTraceStore#rollback}.
 */
public final class PushReceipt {

  private final String tenant;
  private final PushResult result;
  final Map<TraceId, TenantTraces.Added> added;

  PushReceipt(String tenant, PushResult result, Map<TraceId, TenantTraces.Added> added) {
    this.tenant = tenant;
    this.result = result;
    this.added = added;
  }

  /** The tenant pushed to. */
  public String tenant() {
    return tenant;
  }

  /** The answer for the client. */
  public PushResult result() {
    return result;
  }

  /** Returns true when the push added no span (all refused or duplicates). */
  public boolean isEmpty() {
    return added.isEmpty();
  }

  /** Returns the bytes of spans this push added. */
  public long addedBytes() {
    long bytes = 0;
    for (TenantTraces.Added a : added.values()) {
      bytes += a.bytes();
    }
    return bytes;
  }

  /** Returns the spans this push added, grouped by resource and scope, for the write-ahead log. */
  public List<ResourceSpans> addedBatches() {
    List<ResourceSpans> out = new ArrayList<>();
    added.values().forEach(a -> out.addAll(a.fragments()));
    return out;
  }
}
