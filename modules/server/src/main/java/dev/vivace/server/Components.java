package dev.vivace.server;

import dev.vivace.block.list.BlockPoller;
import dev.vivace.block.list.BlockTraceFinder;
import dev.vivace.block.list.Blocklist;
import dev.vivace.block.list.VParquet4BlockSink;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.ingest.otlp.OtlpGrpcService;
import dev.vivace.ingest.otlp.OtlpHttpService;
import dev.vivace.ingest.otlp.OtlpIngest;
import dev.vivace.ingest.otlp.RateLimit;
import dev.vivace.ingester.IngestLimits;
import dev.vivace.ingester.Ingester;
import dev.vivace.ingester.LiveTraceStore;
import dev.vivace.query.api.BuildInfo;
import dev.vivace.query.api.QueryApi;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.tenant.Tenancy;
import dev.vivace.wal.WriteAheadLog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Everything the listeners serve, built from the configuration. Does no I/O. */
final class Components {

  final VivaceConfig config;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Readiness readiness = new Readiness();
  final Path walPath;
  final Path blocksPath;
  final ObjectStore objectStore;
  final Blocklist blocklist = new Blocklist();
  final BlockPoller poller;
  final LiveTraceStore liveTraces;
  final Ingester ingester;
  final OtlpGrpcService otlpGrpc;
  final OtlpHttpService otlpHttp;
  final QueryApi queryApi;

  Components(VivaceConfig config) {
    this(config, UnaryOperator.identity());
  }

  /** With {@code decorateStore} wrapped around the object store, for fault injection in tests. */
  Components(VivaceConfig config, UnaryOperator<ObjectStore> decorateStore) {
    this.config = config;
    Tenancy tenancy =
        config.get(ConfigKeys.MULTITENANCY_ENABLED) || config.get(ConfigKeys.AUTH_ENABLED)
            ? Tenancy.MULTI
            : Tenancy.SINGLE;
    IngestLimits limits =
        new IngestLimits(
            config.get(ConfigKeys.MAX_BYTES_PER_TRACE), config.get(ConfigKeys.MAX_TRACES_PER_USER));
    this.walPath = Path.of(config.get(ConfigKeys.WAL_PATH));
    this.blocksPath = Path.of(config.get(ConfigKeys.STORAGE_LOCAL_PATH));
    this.objectStore = decorateStore.apply(LocalObjectStore.of(blocksPath));
    this.poller = new BlockPoller(objectStore, blocklist);
    this.liveTraces =
        LiveTraceStore.builder()
            .traceIdlePeriod(config.get(ConfigKeys.TRACE_IDLE_PERIOD))
            .maxBlockDuration(config.get(ConfigKeys.MAX_BLOCK_DURATION))
            .maxBlockBytes(config.get(ConfigKeys.MAX_BLOCK_BYTES))
            .limits(tenant -> limits)
            .build();
    WriteAheadLog wal =
        WriteAheadLog.builder(walPath).sync(config.get(ConfigKeys.WAL_SYNC)).build();
    // Block files are staged in the system temp directory, not beside the write-ahead log: when
    // the log's disk is full, flushing must still work, since it is what frees that disk.
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(objectStore).build();
    this.ingester =
        Ingester.builder(liveTraces, wal, new VParquet4BlockSink(writer, blocklist))
            .concurrentFlushes(config.get(ConfigKeys.CONCURRENT_FLUSHES))
            .flushCheckPeriod(config.get(ConfigKeys.FLUSH_CHECK_PERIOD))
            .build();
    RateLimit rateLimit =
        new RateLimit(config.get(ConfigKeys.RATE_LIMIT_BYTES), config.get(ConfigKeys.BURST_SIZE_BYTES));
    OtlpIngest ingest =
        OtlpIngest.builder(ingester)
            .tenancy(tenancy)
            .maxAttributeBytes(config.get(ConfigKeys.MAX_ATTRIBUTE_BYTES))
            .rateLimits(tenant -> rateLimit)
            .retryAfter(config.get(ConfigKeys.RETRY_AFTER_ON_RESOURCE_EXHAUSTED))
            .meterRegistry(registry)
            .build();
    this.otlpGrpc =
        new OtlpGrpcService(
            ingest, config.get(ConfigKeys.OTLP_GRPC_MAX_RECV_MSG_SIZE_MIB) * 1024 * 1024);
    this.otlpHttp =
        new OtlpHttpService(ingest, config.get(ConfigKeys.OTLP_HTTP_MAX_REQUEST_BODY_SIZE));
    // Memory first, then blocks: a trace flushed in between is then found in its block, because
    // a block is listed before its traces leave memory.
    this.queryApi =
        QueryApi.builder(List.of(ingester, new BlockTraceFinder(objectStore, blocklist)))
            .tenancy(tenancy)
            .maxBytesPerTrace(tenant -> limits.maxBytesPerTrace())
            .buildInfo(BuildInfo.of(BuildVersion.get()))
            .prefix(config.get(ConfigKeys.HTTP_API_PREFIX))
            .build();
  }
}
