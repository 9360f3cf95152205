package dev.vivace.ingest.otlp;

import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.ingest.PushResult;
import dev.vivace.storage.StorageException;
import dev.vivace.tenant.Tenancy;
import dev.vivace.trace.Traces;
import java.time.Duration;

/**
 * An OTLP/gRPC receiver that answers each refusal a client must tell apart: no tenant
 * (UNAUTHENTICATED), an invalid request (INVALID_ARGUMENT), tenant {@value #LIMITED} over its rate
 * limit (RESOURCE_EXHAUSTED with a {@link #RETRY_AFTER} retry hint), tenant {@value #DOWN} whose
 * storage fails (UNAVAILABLE). Every other tenant is accepted.
 */
final class StatusCodesServer extends ServerExtension {

  static final String LIMITED = "limited";
  static final String DOWN = "down";
  static final Duration RETRY_AFTER = Duration.ofSeconds(3);

  @Override
  protected void configure(ServerBuilder sb) {
    OtlpIngest ingest =
        OtlpIngest.builder(
                (tenant, batches) -> {
                  if (tenant.equals(DOWN)) {
                    throw new StorageException("write-ahead log append failed: disk full");
                  }
                  return PushResult.accepted(Traces.spanCount(batches));
                })
            .tenancy(Tenancy.MULTI)
            .rateLimits(tenant -> new RateLimit(tenant.equals(LIMITED) ? 100 : 0, 100))
            .retryAfter(RETRY_AFTER)
            .build();
    sb.service(
        OtlpGrpcService.PATH, new OtlpGrpcService(ingest, 1 << 20, new RequestMemory(1L << 40)));
  }
}
