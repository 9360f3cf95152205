package dev.vivace.ingest.otlp;

import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.ingester.IngestLimits;
import dev.vivace.ingester.LiveTraceStore;
import dev.vivace.tenant.Tenancy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** An in-process server with both OTLP receivers in front of a real live store. */
final class OtlpServer extends ServerExtension {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final LiveTraceStore store;
  final OtlpIngest ingest;
  final int maxGrpcBytes;
  final int maxHttpBytes;

  OtlpServer(Tenancy tenancy, IngestLimits limits, int maxGrpcBytes, int maxHttpBytes) {
    this.store = LiveTraceStore.builder().limits(t -> limits).build();
    this.ingest =
        OtlpIngest.builder(store)
            .tenancy(tenancy)
            .maxAttributeBytes(64)
            .meterRegistry(registry)
            .build();
    this.maxGrpcBytes = maxGrpcBytes;
    this.maxHttpBytes = maxHttpBytes;
  }

  @Override
  protected void configure(ServerBuilder sb) {
    RequestMemory memory = new RequestMemory(1L << 40);
    sb.service(OtlpGrpcService.PATH, new OtlpGrpcService(ingest, maxGrpcBytes, memory));
    sb.service(OtlpHttpService.PATH, new OtlpHttpService(ingest, maxHttpBytes, memory));
  }
}
