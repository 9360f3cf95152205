package dev.vivace.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.RefusalReason;
import dev.vivace.ingest.TraceSink;
import dev.vivace.storage.CapacityException;
import dev.vivace.storage.StorageException;
import dev.vivace.tenant.MissingTenantException;
import dev.vivace.tenant.Tenancy;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What both OTLP transports share: the tenant, validation, attribute truncation, the hand-over to
 * the {@link TraceSink} and the answer. Validation follows Tempo's distributor: a request with a
 * malformed trace or span ID is refused as a whole; a request without spans succeeds at once.
 */
public final class OtlpIngest {

  /** Returns a builder that hands spans to {@code sink}. */
  public static OtlpIngestBuilder builder(TraceSink sink) {
    return new OtlpIngestBuilder(sink);
  }

  private final TraceSink sink;
  private final Tenancy tenancy;
  private final int maxAttributeBytes;
  private final IngestMetrics metrics;
  private final RateLimiters rateLimiters;
  private final Duration retryAfter;

  OtlpIngest(
      TraceSink sink,
      Tenancy tenancy,
      int maxAttributeBytes,
      IngestMetrics metrics,
      RateLimiters rateLimiters,
      Duration retryAfter) {
    this.sink = requireNonNull(sink, "sink");
    this.tenancy = requireNonNull(tenancy, "tenancy");
    this.maxAttributeBytes = maxAttributeBytes;
    this.metrics = requireNonNull(metrics, "metrics");
    this.rateLimiters = requireNonNull(rateLimiters, "rateLimiters");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * Stores the spans of {@code request} for the tenant named by {@code orgId}, the value of the
   * {@code X-Scope-OrgID} header or metadata.
   *
   * @throws IngestException when the request is refused as a whole
   */
  ExportTraceServiceResponse export(@Nullable String orgId, ExportTraceServiceRequest request) {
    int spans = SpanChecks.countSpans(request);
    if (spans == 0) {
      return ok(0, null);
    }
    String tenant = tenantOf(orgId);
    try {
      SpanChecks.checkIds(request);
    } catch (IllegalArgumentException e) {
      metrics.invalid(tenant, spans);
      throw new IngestException(RpcCode.INVALID_ARGUMENT, requireNonNull(e.getMessage()));
    }
    int size = request.getSerializedSize();
    metrics.received(tenant, spans, size);
    String limited = rateLimiters.tryAcquire(tenant, size);
    if (limited != null) {
      metrics.refused(tenant, RefusalReason.RATE_LIMITED, spans);
      throw new IngestException(RpcCode.RESOURCE_EXHAUSTED, limited, retryAfter);
    }
    List<ResourceSpans> batches =
        AttributeTruncation.truncate(request.getResourceSpansList(), maxAttributeBytes);
    PushResult result;
    try {
      result = sink.push(tenant, batches);
    } catch (StorageException e) {
      metrics.unavailable(tenant, spans);
      // Out of capacity (memory, disk, throttling): tell clients when to come back.
      Duration retry =
          e instanceof CapacityException
              ? (retryAfter.isZero() ? RequestMemory.RETRY_AFTER : retryAfter)
              : Duration.ZERO;
      throw new IngestException(
          RpcCode.UNAVAILABLE, "spans not stored, retry later: " + e.getMessage(), retry);
    }
    result.refusedSpans().forEach((reason, count) -> metrics.refused(tenant, reason, count));
    if (result.acceptedSpans() == 0 && result.refusedCount() > 0) {
      throw new IngestException(RpcCode.RESOURCE_EXHAUSTED, requireNonNull(result.errorMessage()));
    }
    return ok(result.refusedCount(), result.errorMessage());
  }

  private String tenantOf(@Nullable String orgId) {
    try {
      return tenancy.tenantOf(orgId);
    } catch (MissingTenantException e) {
      throw new IngestException(RpcCode.UNAUTHENTICATED, "no org id");
    } catch (IllegalArgumentException e) {
      throw new IngestException(RpcCode.INVALID_ARGUMENT, requireNonNull(e.getMessage()));
    }
  }

  /** Counts a request whose body could not be read as OTLP. */
  void malformed(String transport) {
    metrics.malformed(transport);
  }

  /**
   * Tempo answers success with {@code partial_success} present but empty; refused spans are
   * reported in it.
   */
  private static ExportTraceServiceResponse ok(int rejected, @Nullable String message) {
    ExportTracePartialSuccess.Builder partial = ExportTracePartialSuccess.newBuilder();
    if (rejected > 0) {
      partial.setRejectedSpans(rejected);
      if (message != null) {
        partial.setErrorMessage(message);
      }
    }
    return ExportTraceServiceResponse.newBuilder().setPartialSuccess(partial).build();
  }
}
