package dev.vivace.server;

import dev.vivace.ingest.otlp.OtlpGrpcService;
import dev.vivace.ingest.otlp.OtlpHttpService;
import dev.vivace.ingest.otlp.OtlpIngest;
import dev.vivace.ingester.IngestLimits;
import dev.vivace.ingester.LiveTraceStore;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.api.BuildInfo;
import dev.vivace.query.api.QueryApi;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.tenant.Tenancy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/** Everything the listeners serve, built from the configuration. Does no I/O. */
final class Components {

  final VivaceConfig config;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Readiness readiness = new Readiness();
  final LiveTraceStore liveTraces;
  final OtlpGrpcService otlpGrpc;
  final OtlpHttpService otlpHttp;
  final QueryApi queryApi;

  Components(VivaceConfig config) {
    this.config = config;
    Tenancy tenancy =
        config.get(ConfigKeys.MULTITENANCY_ENABLED) || config.get(ConfigKeys.AUTH_ENABLED)
            ? Tenancy.MULTI
            : Tenancy.SINGLE;
    IngestLimits limits =
        new IngestLimits(
            config.get(ConfigKeys.MAX_BYTES_PER_TRACE), config.get(ConfigKeys.MAX_TRACES_PER_USER));
    this.liveTraces =
        LiveTraceStore.builder()
            .traceIdlePeriod(config.get(ConfigKeys.TRACE_IDLE_PERIOD))
            .limits(tenant -> limits)
            .build();
    OtlpIngest ingest =
        OtlpIngest.builder(liveTraces)
            .tenancy(tenancy)
            .maxAttributeBytes(config.get(ConfigKeys.MAX_ATTRIBUTE_BYTES))
            .meterRegistry(registry)
            .build();
    this.otlpGrpc =
        new OtlpGrpcService(
            ingest, config.get(ConfigKeys.OTLP_GRPC_MAX_RECV_MSG_SIZE_MIB) * 1024 * 1024);
    this.otlpHttp =
        new OtlpHttpService(ingest, config.get(ConfigKeys.OTLP_HTTP_MAX_REQUEST_BODY_SIZE));
    List<TraceFinder> finders = List.of(liveTraces);
    this.queryApi =
        QueryApi.builder(finders)
            .tenancy(tenancy)
            .maxBytesPerTrace(tenant -> limits.maxBytesPerTrace())
            .buildInfo(BuildInfo.of(BuildVersion.get()))
            .prefix(config.get(ConfigKeys.HTTP_API_PREFIX))
            .build();
  }
}
