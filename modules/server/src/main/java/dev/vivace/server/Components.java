package dev.vivace.server;

import dev.vivace.block.list.BlockObjectCache;
import dev.vivace.block.list.BlockPoller;
import dev.vivace.block.list.BlockTraceFinder;
import dev.vivace.block.list.Blocklist;
import dev.vivace.block.list.VParquet4BlockSink;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.ingest.otlp.OtlpGrpcService;
import dev.vivace.ingest.otlp.OtlpHttpService;
import dev.vivace.ingest.otlp.OtlpIngest;
import dev.vivace.ingest.otlp.RateLimit;
import dev.vivace.ingest.otlp.RequestMemory;
import dev.vivace.ingester.IngestLimits;
import dev.vivace.ingester.Ingester;
import dev.vivace.ingester.LiveTraceStore;
import dev.vivace.query.api.BuildInfo;
import dev.vivace.query.api.QueryApi;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.storage.ObjectStore;
import dev.vivace.tenant.Tenancy;
import dev.vivace.wal.WriteAheadLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Everything the listeners serve, built from the configuration. Does no I/O. */
final class Components {

  private static final int LOOKUP_THREADS = 16;

  final VivaceConfig config;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Readiness readiness = new Readiness();
  final Path walPath;

  /** The directory of the local backend; null for s3. */
  final @Nullable Path blocksPath;

  /** Where blocks go, for the startup log line (no credentials). */
  final String blockStorage;

  final ObjectStore objectStore;
  final Blocklist blocklist = new Blocklist();
  final BlockPoller poller;
  final LiveTraceStore liveTraces;
  final Ingester ingester;
  final WriteAheadLog wal;

  /** How block writes end, for {@code /flush}. */
  final FlushOutcomes flushOutcomes;

  /** Trace lookups in the blocks of the object store. */
  final BlockTraceFinder blockFinder;

  /** Runs block lookups of queries; bounds how many blocks one process reads at once. */
  final ExecutorService lookupExecutor =
      Executors.newFixedThreadPool(
          LOOKUP_THREADS,
          r -> {
            Thread t = new Thread(r, "vivace-block-lookup");
            t.setDaemon(true);
            return t;
          });

  final RequestMemory requestMemory;
  final OtlpGrpcService otlpGrpc;
  final OtlpHttpService otlpHttp;
  final QueryApi queryApi;

  /**
   * Builds every component; {@code environment} is where the s3 credential chain looks for AWS and
   * Alibaba Cloud RRSA variables, and {@code decorateStore} is wrapped around the object store (for
   * fault injection in tests).
   *
   * @throws dev.vivace.server.config.ConfigException when settings cannot work together
   */
  Components(
      VivaceConfig config,
      Map<String, String> environment,
      UnaryOperator<ObjectStore> decorateStore) {
    this.config = config;
    Tenancy tenancy =
        config.get(ConfigKeys.MULTITENANCY_ENABLED) || config.get(ConfigKeys.AUTH_ENABLED)
            ? Tenancy.MULTI
            : Tenancy.SINGLE;
    IngestLimits limits =
        new IngestLimits(
            config.get(ConfigKeys.MAX_BYTES_PER_TRACE), config.get(ConfigKeys.MAX_TRACES_PER_USER));
    this.walPath = Path.of(config.get(ConfigKeys.WAL_PATH));
    BlockStorage storage = BlockStorage.create(config, environment);
    this.blocksPath = storage.localPath();
    this.blockStorage = storage.description();
    this.objectStore = decorateStore.apply(storage.store());
    this.poller = new BlockPoller(objectStore, blocklist);
    this.liveTraces =
        LiveTraceStore.builder()
            .traceIdlePeriod(config.get(ConfigKeys.TRACE_IDLE_PERIOD))
            .maxBlockDuration(config.get(ConfigKeys.MAX_BLOCK_DURATION))
            .maxBlockBytes(config.get(ConfigKeys.MAX_BLOCK_BYTES))
            .limits(tenant -> limits)
            .build();
    this.wal = WriteAheadLog.builder(walPath).sync(config.get(ConfigKeys.WAL_SYNC)).build();
    // Block files are staged in the system temp directory, not beside the write-ahead log: when
    // the log's disk is full, flushing must still work, since it is what frees that disk.
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(objectStore).build();
    this.flushOutcomes = new FlushOutcomes(new VParquet4BlockSink(writer, blocklist));
    this.ingester =
        Ingester.builder(liveTraces, wal, flushOutcomes)
            .concurrentFlushes(config.get(ConfigKeys.CONCURRENT_FLUSHES))
            .flushCheckPeriod(config.get(ConfigKeys.FLUSH_CHECK_PERIOD))
            .build();
    RateLimit rateLimit =
        new RateLimit(
            config.get(ConfigKeys.RATE_LIMIT_BYTES), config.get(ConfigKeys.BURST_SIZE_BYTES));
    OtlpIngest ingest =
        OtlpIngest.builder(ingester)
            .tenancy(tenancy)
            .maxAttributeBytes(config.get(ConfigKeys.MAX_ATTRIBUTE_BYTES))
            .rateLimits(tenant -> rateLimit)
            .retryAfter(config.get(ConfigKeys.RETRY_AFTER_ON_RESOURCE_EXHAUSTED))
            .meterRegistry(registry)
            .build();
    long inflight = config.get(ConfigKeys.MAX_INFLIGHT_REQUEST_BYTES);
    // Both receivers share one budget: it bounds the heap that requests take before the ingester.
    this.requestMemory =
        new RequestMemory(inflight > 0 ? inflight : RequestMemory.defaultLimitBytes());
    Gauge.builder("vivace_distributor_inflight_request_bytes", requestMemory::usedBytes)
        .description("Bytes held by OTLP requests being read and decoded.")
        .register(registry);
    Gauge.builder("vivace_distributor_inflight_request_bytes_limit", requestMemory::limitBytes)
        .description("The most bytes OTLP requests being read and decoded may hold at once.")
        .register(registry);
    FunctionCounter.builder(
            "vivace_distributor_requests_refused_memory", requestMemory, RequestMemory::refusals)
        .description("OTLP requests refused because too many were being read at once.")
        .register(registry);
    this.otlpGrpc =
        new OtlpGrpcService(
            ingest,
            config.get(ConfigKeys.OTLP_GRPC_MAX_RECV_MSG_SIZE_MIB) * 1024 * 1024,
            requestMemory);
    this.otlpHttp =
        new OtlpHttpService(
            ingest, config.get(ConfigKeys.OTLP_HTTP_MAX_REQUEST_BODY_SIZE), requestMemory);
    // Memory first, then blocks: a trace flushed in between is then found in its block, because
    // a block is listed before its traces leave memory.
    // Bloom shards and indexes are immutable and read by every lookup: keep them in memory, and
    // look candidate blocks up concurrently.
    this.blockFinder =
        new BlockTraceFinder(
            new BlockObjectCache(objectStore, BlockObjectCache.DEFAULT_MAX_BYTES),
            blocklist,
            lookupExecutor);
    this.queryApi =
        QueryApi.builder(List.of(ingester, blockFinder))
            .tenancy(tenancy)
            .maxBytesPerTrace(tenant -> limits.maxBytesPerTrace())
            .buildInfo(BuildInfo.of(BuildVersion.get()))
            .prefix(config.get(ConfigKeys.HTTP_API_PREFIX))
            .build();
  }
}
