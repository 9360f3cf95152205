package dev.vivace.server;

import dev.vivace.block.lifecycle.Compactor;
import dev.vivace.block.lifecycle.Retention;
import dev.vivace.block.lifecycle.TenantIndexPoller;
import dev.vivace.block.list.BlockObjectCache;
import dev.vivace.block.list.BlockSearcher;
import dev.vivace.block.list.BlockTraceFinder;
import dev.vivace.block.list.Blocklist;
import dev.vivace.block.list.VParquet4BlockSink;
import dev.vivace.block.vparquet4.FooterCache;
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
import dev.vivace.query.api.SearchLimits;
import dev.vivace.query.api.StreamingQuerierService;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TraceSearcher;
import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKey;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Everything the listeners serve, built from the configuration. Does no I/O. */
final class Components {

  private static final int LOOKUP_THREADS = 16;
  private static final int SEARCH_THREADS = 8;
  private static final int QUEUED_SEARCHES = 64;

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
  final TenantIndexPoller poller;

  /** Marks blocks past the retention compacted, then deletes them. */
  final Retention retention;

  /** Compacts blocks every compaction cycle; null when this process does not compact. */
  final @Nullable Compactor compactor;

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

  /**
   * Runs searches, one task each; bounds how many run at once and how many wait. A search refused
   * because the queue is full is answered 429, as Tempo answers a full job queue.
   */
  final ExecutorService searchExecutor =
      new ThreadPoolExecutor(
          SEARCH_THREADS,
          SEARCH_THREADS,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUED_SEARCHES),
          r -> {
            Thread t = new Thread(r, "vivace-search");
            t.setDaemon(true);
            return t;
          });

  final RequestMemory requestMemory;
  final OtlpGrpcService otlpGrpc;
  final OtlpHttpService otlpHttp;
  final QueryApi queryApi;

  /** Tempo's streaming gRPC querier on the query port; null unless stream_over_http_enabled. */
  final @Nullable StreamingQuerierService streamingQuerier;

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
    SearchLimits searchLimits = searchLimits(config);
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
    this.poller =
        TenantIndexPoller.builder(objectStore, blocklist)
            .buildsIndex(config.get(ConfigKeys.BLOCKLIST_POLL_TENANT_INDEX_BUILDERS) > 0)
            .staleTenantIndex(config.get(ConfigKeys.BLOCKLIST_POLL_STALE_TENANT_INDEX))
            .fallback(config.get(ConfigKeys.BLOCKLIST_POLL_FALLBACK))
            .build();
    this.retention = BlockRetention.create(config, objectStore, Clock.systemUTC());
    this.liveTraces =
        LiveTraceStore.builder()
            .traceIdlePeriod(config.get(ConfigKeys.TRACE_IDLE_PERIOD))
            .maxBlockDuration(config.get(ConfigKeys.MAX_BLOCK_DURATION))
            .maxBlockBytes(config.get(ConfigKeys.MAX_BLOCK_BYTES))
            .limits(tenant -> limits)
            // Idle traces wait for their block in files beside the log that holds them too.
            .headDirectory(walPath.resolve("head"))
            .build();
    this.wal = WriteAheadLog.builder(walPath).sync(config.get(ConfigKeys.WAL_SYNC)).build();
    // Block files are staged in the system temp directory, not beside the write-ahead log: when
    // the log's disk is full, flushing must still work, since it is what frees that disk.
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(objectStore).build();
    this.compactor = BlockCompaction.create(config, objectStore, writer, Clock.systemUTC());
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
    BlockObjectCache blockObjects =
        new BlockObjectCache(objectStore, BlockObjectCache.DEFAULT_MAX_BYTES);
    FooterCache footers = new FooterCache(FooterCache.DEFAULT_MAX_BYTES);
    this.blockFinder = new BlockTraceFinder(blockObjects, blocklist, lookupExecutor, footers);
    // Memory first, then blocks, as for lookups by ID.
    // Searches share the lookups' cache of footers, bloom shards and indexes, and their threads.
    BlockSearcher blockSearcher =
        new BlockSearcher(blockObjects, blocklist, lookupExecutor, footers);
    List<TraceSearcher> searchers = List.of(ingester.searcher(), blockSearcher);
    List<TagSearcher> tagSearchers = List.of(ingester.searcher(), blockSearcher);
    SearchEngine searchEngine = new SearchEngine(searchers, tagSearchers, searchExecutor);
    // Tempo's per-tenant override; every tenant has the defaults' value.
    long maxBytesPerTagValuesQuery = config.get(ConfigKeys.MAX_BYTES_PER_TAG_VALUES_QUERY);
    this.queryApi =
        QueryApi.builder(List.of(ingester, blockFinder))
            .tenancy(tenancy)
            .maxBytesPerTrace(tenant -> limits.maxBytesPerTrace())
            .maxBytesPerTagValuesQuery(tenant -> maxBytesPerTagValuesQuery)
            .buildInfo(BuildInfo.of(BuildVersion.get()))
            .prefix(config.get(ConfigKeys.HTTP_API_PREFIX))
            .search(searchEngine)
            .searchLimits(searchLimits)
            .meterRegistry(registry)
            .build();
    this.streamingQuerier =
        config.get(ConfigKeys.STREAM_OVER_HTTP_ENABLED)
            ? StreamingQuerierService.builder(searchEngine)
                .tenancy(tenancy)
                .searchLimits(searchLimits)
                .maxBytesPerTagValuesQuery(tenant -> maxBytesPerTagValuesQuery)
                .build()
            : null;
  }

  private static SearchLimits searchLimits(VivaceConfig config) {
    atLeast(config, ConfigKeys.SEARCH_MAX_RESULT_LIMIT, ConfigKeys.SEARCH_DEFAULT_RESULT_LIMIT);
    atLeast(
        config,
        ConfigKeys.SEARCH_MAX_SPANS_PER_SPAN_SET,
        ConfigKeys.SEARCH_DEFAULT_SPANS_PER_SPAN_SET);
    return new SearchLimits(
        config.get(ConfigKeys.SEARCH_DEFAULT_RESULT_LIMIT),
        config.get(ConfigKeys.SEARCH_MAX_RESULT_LIMIT),
        config.get(ConfigKeys.SEARCH_MAX_DURATION),
        config.get(ConfigKeys.SEARCH_DEFAULT_SPANS_PER_SPAN_SET),
        config.get(ConfigKeys.SEARCH_MAX_SPANS_PER_SPAN_SET),
        config.get(ConfigKeys.MAX_QUERY_EXPRESSION_SIZE_BYTES),
        config.get(ConfigKeys.SEARCH_QUERY_TIMEOUT));
  }

  /** A maximum (0: none) must not be below its default, or requests without a value fail. */
  private static void atLeast(
      VivaceConfig config, ConfigKey<Integer> maxKey, ConfigKey<Integer> defaultKey) {
    int max = config.get(maxKey);
    int def = config.get(defaultKey);
    if (max != 0 && max < def) {
      throw new ConfigException(
          "invalid configuration:\n  "
              + maxKey.path()
              + ": "
              + max
              + " (expected: 0, or at least "
              + defaultKey.path()
              + ", "
              + def
              + ")");
    }
  }
}
