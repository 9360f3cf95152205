package dev.vivace.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every configuration key Vivace reads. Paths follow Tempo's YAML layout; they are public API. */
public final class ConfigKeys {

  // The s3 defaults repeat those of S3ObjectStoreBuilder (a test checks they agree), so that this
  // class, and ConfigReference, load without the storage modules on the class path.
  private static final long MIB_5 = 5L * 1024 * 1024;
  private static final long GIB_1 = 1024L * 1024 * 1024;
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public static final ConfigKey<String> TARGET =
      ConfigKey.string(
          "target",
          "all",
          "all"::equals,
          "all",
          "Which components to run. Vivace runs as a single binary, so only 'all' is accepted.");

  public static final ConfigKey<Boolean> MULTITENANCY_ENABLED =
      ConfigKey.bool(
          "multitenancy_enabled",
          false,
          "Require the X-Scope-OrgID header on ingest and queries and keep tenants apart. When"
              + " false, all data belongs to the tenant 'single-tenant'.");

  public static final ConfigKey<Boolean> AUTH_ENABLED =
      ConfigKey.bool(
          "auth_enabled", false, "Deprecated alias of multitenancy_enabled, as in Tempo.");

  public static final ConfigKey<String> HTTP_API_PREFIX =
      ConfigKey.string(
          "http_api_prefix",
          "",
          p -> p.isEmpty() || (p.startsWith("/") && !p.endsWith("/")),
          "empty, or a path starting and not ending with '/'",
          "Prefix put before every /api route of the query API (not /ready or /metrics).");

  public static final ConfigKey<Boolean> STREAM_OVER_HTTP_ENABLED =
      ConfigKey.bool(
          "stream_over_http_enabled",
          false,
          "Serve Tempo's gRPC tempopb.StreamingQuerier (streaming search, tag names and values)"
              + " and grpc.health.v1.Health on the query API's port, over h2c, for Grafana's"
              + " 'Streaming' option of the Tempo data source. TraceQL metrics calls answer"
              + " UNIMPLEMENTED.");

  public static final ConfigKey<String> HTTP_LISTEN_ADDRESS =
      ConfigKey.string(
          "server.http_listen_address",
          "",
          a -> true,
          "",
          "Address the query API listens on; empty means all interfaces.");

  public static final ConfigKey<Integer> HTTP_LISTEN_PORT =
      ConfigKey.integer(
          "server.http_listen_port",
          3200,
          p -> p >= 0 && p <= 65535,
          "0 to 65535",
          "Port of the query API, /ready and /metrics (0 picks a free port).");

  public static final ConfigKey<String> LOG_LEVEL =
      ConfigKey.string(
          "server.log_level",
          "info",
          Set.of("debug", "info", "warn", "error")::contains,
          "one of debug, info, warn, error",
          "Log level.");

  public static final ConfigKey<Duration> GRACEFUL_SHUTDOWN_TIMEOUT =
      ConfigKey.duration(
          "server.graceful_shutdown_timeout",
          Duration.ofSeconds(30),
          d -> !d.isNegative(),
          ">= 0",
          "On SIGTERM, how long in-flight requests may take to finish before the server stops.");

  public static final ConfigKey<String> OTLP_GRPC_ENDPOINT =
      ConfigKey.string(
          "distributor.receivers.otlp.protocols.grpc.endpoint",
          "0.0.0.0:4317",
          Endpoints::isValid,
          "host:port",
          "OTLP/gRPC listener. Without a distributor.receivers section both OTLP receivers listen"
              + " on all interfaces; with one, only the protocols listed are enabled, and a"
              + " protocol listed without an endpoint listens on localhost, as in Tempo.");

  public static final ConfigKey<Integer> OTLP_GRPC_MAX_RECV_MSG_SIZE_MIB =
      ConfigKey.integer(
          "distributor.receivers.otlp.protocols.grpc.max_recv_msg_size_mib",
          4,
          n -> n > 0 && n <= 1024,
          "1 to 1024",
          "Largest OTLP/gRPC message accepted, in MiB (after decompression).");

  public static final ConfigKey<String> OTLP_HTTP_ENDPOINT =
      ConfigKey.string(
          "distributor.receivers.otlp.protocols.http.endpoint",
          "0.0.0.0:4318",
          Endpoints::isValid,
          "host:port",
          "OTLP/HTTP listener (POST /v1/traces). Enabled like the gRPC receiver.");

  public static final ConfigKey<Integer> OTLP_HTTP_MAX_REQUEST_BODY_SIZE =
      ConfigKey.integer(
          "distributor.receivers.otlp.protocols.http.max_request_body_size",
          20 * 1024 * 1024,
          n -> n > 0,
          "> 0",
          "Largest OTLP/HTTP body accepted, in bytes, after decompression; larger ones get 413.");

  public static final ConfigKey<Integer> MAX_ATTRIBUTE_BYTES =
      ConfigKey.integer(
          "distributor.max_attribute_bytes",
          2048,
          n -> n >= 0,
          ">= 0",
          "Attribute keys and string values longer than this many bytes are truncated; 0 keeps"
              + " them whole.");

  public static final ConfigKey<Duration> TRACE_IDLE_PERIOD =
      ConfigKey.duration(
          "ingester.trace_idle_period",
          Duration.ofSeconds(5),
          d -> !d.isNegative() && !d.isZero(),
          "> 0",
          "A trace that receives no span for this long is complete: it stops counting as live.");

  public static final ConfigKey<Long> MAX_BYTES_PER_TRACE =
      ConfigKey.longValue(
          "overrides.defaults.global.max_bytes_per_trace",
          5_000_000L,
          n -> n >= 0,
          ">= 0",
          "Largest trace, in bytes: spans that would grow a live trace past it are refused, and"
              + " larger query results are refused (v1) or cut (v2). 0 means no limit.");

  public static final ConfigKey<Long> MAX_BYTES_PER_TAG_VALUES_QUERY =
      ConfigKey.longValue(
          "overrides.defaults.read.max_bytes_per_tag_values_query",
          1_000_000L,
          n -> n >= 0,
          ">= 0",
          "Most bytes of names or values a tag search collects (values counted as the answer"
              + " spells them, v2 with their type name): the first that would not fit is left out"
              + " and the answer is what fitted, as Tempo does. 0 means no limit.");

  public static final ConfigKey<Integer> MAX_TRACES_PER_USER =
      ConfigKey.integer(
          "overrides.defaults.ingestion.max_traces_per_user",
          10_000,
          n -> n >= 0,
          ">= 0",
          "Most live traces per tenant; spans of further new traces are refused. 0 means no"
              + " limit.");

  public static final ConfigKey<Duration> MAX_BLOCK_DURATION =
      ConfigKey.duration(
          "ingester.max_block_duration",
          Duration.ofMinutes(30),
          d -> !d.isNegative() && !d.isZero(),
          "> 0",
          "A tenant's head block of complete traces is cut and flushed to storage once it is this"
              + " old.");

  public static final ConfigKey<Long> MAX_BLOCK_BYTES =
      ConfigKey.longValue(
          "ingester.max_block_bytes",
          500L * 1024 * 1024,
          n -> n > 0,
          "> 0",
          "A tenant's head block is cut and flushed once its file under the write-ahead log's"
              + " head/ directory holds this many bytes of spans.");

  public static final ConfigKey<Integer> CONCURRENT_FLUSHES =
      ConfigKey.integer(
          "ingester.concurrent_flushes",
          4,
          n -> n > 0 && n <= 64,
          "1 to 64",
          "How many blocks are written to storage at once.");

  public static final ConfigKey<Duration> FLUSH_CHECK_PERIOD =
      ConfigKey.duration(
          "ingester.flush_check_period",
          Duration.ofSeconds(10),
          d -> !d.isNegative() && !d.isZero(),
          "> 0",
          "How often idle traces are cut and head blocks checked for flushing.");

  public static final ConfigKey<Boolean> FLUSH_ALL_ON_SHUTDOWN =
      ConfigKey.bool(
          "ingester.flush_all_on_shutdown",
          false,
          "On SIGTERM, flush every trace held in memory to storage before exiting. When false,"
              + " the write-ahead log keeps them and the next start replays it.");

  public static final ConfigKey<String> STORAGE_BACKEND =
      ConfigKey.string(
          "storage.trace.backend",
          "local",
          Set.of("local", "s3")::contains,
          "local or s3",
          "Where blocks are stored: 'local' (a directory, Tempo's local backend layout) or 's3'"
              + " (Amazon S3, Alibaba Cloud OSS or another S3-compatible store; see"
              + " storage.trace.s3.*).");

  public static final ConfigKey<String> STORAGE_LOCAL_PATH =
      ConfigKey.string(
          "storage.trace.local.path",
          "data/blocks",
          p -> !p.isBlank(),
          "a path",
          "Directory of the local backend: <tenant>/<block ID>/<object>, as Tempo lays it out.");

  public static final ConfigKey<String> S3_BUCKET =
      ConfigKey.string(
          "storage.trace.s3.bucket",
          "",
          b -> b.isEmpty() || BUCKET.matcher(b).matches(),
          "3 to 63 lower-case letters, digits, '.' or '-'",
          "Bucket of the s3 backend; required when storage.trace.backend is s3.");

  public static final ConfigKey<String> S3_PREFIX =
      ConfigKey.string(
          "storage.trace.s3.prefix",
          "",
          p -> !p.contains("//"),
          "no '//'",
          "Objects are stored under <prefix>/<tenant>/<block ID>/<object>; empty means at the top"
              + " of the bucket. Slashes at either end are dropped.");

  public static final ConfigKey<String> S3_ENDPOINT =
      ConfigKey.string(
          "storage.trace.s3.endpoint",
          "",
          e -> true,
          "",
          "S3 API endpoint, host[:port] or http(s)://host[:port]; for OSS from a pod use the"
              + " internal endpoint, e.g. s3.oss-cn-hangzhou-internal.aliyuncs.com. Empty means AWS"
              + " S3 in storage.trace.s3.region.");

  public static final ConfigKey<String> S3_REGION =
      ConfigKey.string(
          "storage.trace.s3.region",
          "",
          r -> true,
          "",
          "Signing region; required without an endpoint, us-east-1 if empty with one. OSS"
              + " endpoints are always signed for us-east-1, as OSS requires.");

  public static final ConfigKey<String> S3_ACCESS_KEY =
      ConfigKey.secret(
          "storage.trace.s3.access_key",
          "Static access key ID, set together with secret_key. When empty, credentials come from"
              + " the environment: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, Alibaba Cloud RRSA"
              + " (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN,"
              + " ALIBABA_CLOUD_OIDC_TOKEN_FILE), AWS web identity, container credentials or the"
              + " instance profile, in that order. Never logged.");

  public static final ConfigKey<String> S3_SECRET_KEY =
      ConfigKey.secret(
          "storage.trace.s3.secret_key",
          "Static secret access key, set together with access_key. Never logged.");

  public static final ConfigKey<String> S3_SESSION_TOKEN =
      ConfigKey.secret(
          "storage.trace.s3.session_token",
          "Session token of the static access key, if it is temporary. Never logged.");

  public static final ConfigKey<Boolean> S3_INSECURE =
      ConfigKey.bool(
          "storage.trace.s3.insecure",
          false,
          "Use plain HTTP for an endpoint given without a scheme.");

  public static final ConfigKey<Boolean> S3_FORCE_PATH_STYLE =
      ConfigKey.bool(
          "storage.trace.s3.forcepathstyle",
          false,
          "Path-style requests (http://endpoint/bucket/key) instead of virtual-hosted ones"
              + " (http://bucket.endpoint/key). OSS refuses path-style requests; MinIO and s3proxy"
              + " usually need them.");

  public static final ConfigKey<Long> S3_PART_SIZE =
      ConfigKey.longValue(
          "storage.trace.s3.part_size",
          MIB_5,
          n -> n == 0 || (n >= MIB_5 && n <= GIB_1),
          "0, or " + MIB_5 + " to " + GIB_1,
          "Objects larger than this many bytes are uploaded in parts of this size (each part is"
              + " buffered in memory); 0 means the default.");

  public static final ConfigKey<Duration> S3_CONNECT_TIMEOUT =
      ConfigKey.duration(
          "storage.trace.s3.connect_timeout",
          Duration.ofSeconds(5),
          ConfigKeys::positive,
          "> 0",
          "Timeout of opening a connection to the S3 endpoint.");

  public static final ConfigKey<Duration> S3_REQUEST_TIMEOUT =
      ConfigKey.duration(
          "storage.trace.s3.request_timeout",
          Duration.ofSeconds(60),
          ConfigKeys::positive,
          "> 0",
          "Longest one HTTP attempt (and each socket read) against the S3 endpoint may take.");

  public static final ConfigKey<Duration> S3_API_CALL_TIMEOUT =
      ConfigKey.duration(
          "storage.trace.s3.api_call_timeout",
          Duration.ofMinutes(5),
          ConfigKeys::positive,
          "> 0",
          "Longest one S3 operation may take, retries included.");

  public static final ConfigKey<Integer> S3_RETRY_MAX_ATTEMPTS =
      ConfigKey.integer(
          "storage.trace.s3.retry_max_attempts",
          4,
          n -> n >= 1 && n <= 10,
          "1 to 10",
          "Attempts per S3 request, the first included; 5xx answers and throttling are retried"
              + " with exponential backoff and jitter.");

  public static final ConfigKey<String> WAL_PATH =
      ConfigKey.string(
          "storage.trace.wal.path",
          "data/wal",
          p -> !p.isBlank(),
          "a path",
          "Directory of the write-ahead log. Every acknowledged span is in it until its block is"
              + " in storage; it is replayed on start.");

  public static final ConfigKey<Boolean> WAL_SYNC =
      ConfigKey.bool(
          "storage.trace.wal.sync",
          true,
          "Force every write-ahead log append to disk (fsync, shared by concurrent requests)"
              + " before answering the client. When false, acknowledged spans survive a crash of"
              + " the process but not of the machine.");

  public static final ConfigKey<String> BLOCK_VERSION =
      ConfigKey.string(
          "storage.trace.block.version",
          "vParquet4",
          "vParquet4"::equals,
          "vParquet4",
          "Format of the blocks written.");

  public static final ConfigKey<Duration> BLOCKLIST_POLL =
      ConfigKey.duration(
          "storage.trace.blocklist_poll",
          Duration.ofMinutes(5),
          d -> !d.isNegative() && !d.isZero(),
          "> 0",
          "How often storage is listed for blocks written by other processes (another Vivace, or"
              + " Tempo). Blocks this process writes are queryable at once.");

  public static final ConfigKey<Integer> BLOCKLIST_POLL_TENANT_INDEX_BUILDERS =
      ConfigKey.integer(
          "storage.trace.blocklist_poll_tenant_index_builders",
          2,
          n -> n >= 0,
          ">= 0",
          "Above 0, this process is a tenant index builder: each poll lists the store and writes"
              + " every tenant's index (index.pb.zst and index.json.gz) for Tempo's queriers and"
              + " other Vivace processes. 0: each poll reads the indexes another process (Tempo's"
              + " compactor) writes instead of listing the blocks.");

  public static final ConfigKey<Duration> BLOCKLIST_POLL_STALE_TENANT_INDEX =
      ConfigKey.duration(
          "storage.trace.blocklist_poll_stale_tenant_index",
          Duration.ZERO,
          d -> !d.isNegative(),
          ">= 0",
          "A tenant index older than this is not used by a poller that reads indexes; 0 means any"
              + " age will do.");

  public static final ConfigKey<Boolean> BLOCKLIST_POLL_FALLBACK =
      ConfigKey.bool(
          "storage.trace.blocklist_poll_fallback",
          true,
          "When a poller that reads indexes finds a tenant's index missing, unreadable or stale, it"
              + " lists that tenant's blocks itself; when false, it keeps what it knew and lookups"
              + " say their answer may be incomplete.");

  public static final ConfigKey<Duration> BLOCK_RETENTION =
      ConfigKey.duration(
          "compactor.compaction.block_retention",
          Duration.ofDays(14),
          ConfigKeys::positive,
          "> 0",
          "How long blocks are kept after their end time; older blocks are marked compacted"
              + " (meta.json becomes meta.compacted.json) and deleted later. Checked every"
              + " storage.trace.blocklist_poll.");

  public static final ConfigKey<Duration> BACKEND_WORKER_BLOCK_RETENTION =
      ConfigKey.duration(
          "backend_worker.compaction.block_retention",
          Duration.ofDays(14),
          ConfigKeys::positive,
          "> 0",
          "Tempo 3.0's name of compactor.compaction.block_retention, used when that is not set.");

  public static final ConfigKey<Duration> COMPACTED_BLOCK_RETENTION =
      ConfigKey.duration(
          "compactor.compaction.compacted_block_retention",
          Duration.ofHours(1),
          d -> !d.isNegative(),
          ">= 0",
          "How long a block marked compacted is kept before all its objects are deleted.");

  public static final ConfigKey<Duration> BACKEND_WORKER_COMPACTED_BLOCK_RETENTION =
      ConfigKey.duration(
          "backend_worker.compaction.compacted_block_retention",
          Duration.ofHours(1),
          d -> !d.isNegative(),
          ">= 0",
          "Tempo 3.0's name of compactor.compaction.compacted_block_retention, used when that is"
              + " not set.");

  public static final ConfigKey<Integer> RETENTION_CONCURRENCY =
      ConfigKey.integer(
          "compactor.compaction.retention_concurrency",
          10,
          n -> n > 0,
          "> 0",
          "How many blocks retention marks or deletes at once.");

  public static final ConfigKey<Integer> BACKEND_WORKER_RETENTION_CONCURRENCY =
      ConfigKey.integer(
          "backend_worker.compaction.retention_concurrency",
          10,
          n -> n > 0,
          "> 0",
          "Tempo 3.0's name of compactor.compaction.retention_concurrency, used when that is not"
              + " set.");

  public static final ConfigKey<Duration> COMPACTION_WINDOW =
      ConfigKey.duration(
          "compactor.compaction.compaction_window",
          Duration.ofHours(1),
          d -> d.toSeconds() >= 1,
          ">= 1s",
          "Blocks are compacted together with blocks whose end time falls in the same window of"
              + " this length. Compaction runs in a process that builds the tenant index"
              + " (storage.trace.blocklist_poll_tenant_index_builders > 0), as Tempo's compactors"
              + " do.");

  public static final ConfigKey<Duration> BACKEND_WORKER_COMPACTION_WINDOW =
      ConfigKey.duration(
          "backend_worker.compaction.compaction_window",
          Duration.ofHours(1),
          d -> d.toSeconds() >= 1,
          ">= 1s",
          "Tempo 3.0's name of compactor.compaction.compaction_window, used when that is not set.");

  public static final ConfigKey<Long> MAX_COMPACTION_OBJECTS =
      ConfigKey.longValue(
          "compactor.compaction.max_compaction_objects",
          6_000_000L,
          n -> n > 0,
          "> 0",
          "Most traces (sum of the inputs' totalObjects) one compaction job takes.");

  public static final ConfigKey<Long> BACKEND_WORKER_MAX_COMPACTION_OBJECTS =
      ConfigKey.longValue(
          "backend_worker.compaction.max_compaction_objects",
          6_000_000L,
          n -> n > 0,
          "> 0",
          "Tempo 3.0's name of compactor.compaction.max_compaction_objects, used when that is not"
              + " set.");

  public static final ConfigKey<Long> COMPACTION_MAX_BLOCK_BYTES =
      ConfigKey.longValue(
          "compactor.compaction.max_block_bytes",
          100L * GIB_1,
          n -> n > 0,
          "> 0",
          "Most bytes (sum of the inputs' data sizes) one compaction job takes.");

  public static final ConfigKey<Long> BACKEND_WORKER_COMPACTION_MAX_BLOCK_BYTES =
      ConfigKey.longValue(
          "backend_worker.compaction.max_block_bytes",
          100L * GIB_1,
          n -> n > 0,
          "> 0",
          "Tempo 3.0's name of compactor.compaction.max_block_bytes, used when that is not set.");

  public static final ConfigKey<Duration> COMPACTION_CYCLE =
      ConfigKey.duration(
          "compactor.compaction.compaction_cycle",
          Duration.ofSeconds(30),
          ConfigKeys::positive,
          "> 0",
          "How long to wait between compaction runs; each run compacts every tenant, one job at a"
              + " time.");

  public static final ConfigKey<Duration> BACKEND_WORKER_COMPACTION_CYCLE =
      ConfigKey.duration(
          "backend_worker.compaction.compaction_cycle",
          Duration.ofSeconds(30),
          ConfigKeys::positive,
          "> 0",
          "Tempo 3.0's name of compactor.compaction.compaction_cycle, used when that is not set.");

  public static final ConfigKey<Duration> MAX_TIME_PER_TENANT =
      ConfigKey.duration(
          "compactor.compaction.max_time_per_tenant",
          Duration.ofMinutes(5),
          ConfigKeys::positive,
          "> 0",
          "How long one compaction run keeps starting jobs of one tenant before it goes on to the"
              + " next.");

  public static final ConfigKey<Duration> BACKEND_WORKER_MAX_TIME_PER_TENANT =
      ConfigKey.duration(
          "backend_worker.compaction.max_time_per_tenant",
          Duration.ofMinutes(5),
          ConfigKeys::positive,
          "> 0",
          "Tempo 3.0's name of compactor.compaction.max_time_per_tenant, used when that is not"
              + " set.");

  public static final ConfigKey<Duration> TENANT_BLOCK_RETENTION =
      ConfigKey.duration(
          "overrides.defaults.compaction.block_retention",
          Duration.ZERO,
          d -> !d.isNegative(),
          ">= 0",
          "Per-tenant block retention, for every tenant; 0 means"
              + " compactor.compaction.block_retention.");

  public static final ConfigKey<Long> RATE_LIMIT_BYTES =
      ConfigKey.longValue(
          "overrides.defaults.ingestion.rate_limit_bytes",
          15_000_000L,
          n -> n >= 0,
          ">= 0",
          "Per-tenant ingestion rate, in bytes per second of OTLP protobuf; requests beyond it get"
              + " 429 / RESOURCE_EXHAUSTED with RATE_LIMITED. 0 means no limit.");

  public static final ConfigKey<Long> BURST_SIZE_BYTES =
      ConfigKey.longValue(
          "overrides.defaults.ingestion.burst_size_bytes",
          20_000_000L,
          n -> n >= 0,
          ">= 0",
          "Per-tenant burst above the ingestion rate, in bytes; a single request larger than it"
              + " is always refused. 0 means no limit.");

  public static final ConfigKey<String> RATE_STRATEGY =
      ConfigKey.string(
          "overrides.defaults.ingestion.rate_strategy",
          "local",
          Set.of("local", "global")::contains,
          "local or global",
          "Tempo's rate strategy. A single Vivace process is the only distributor, so both mean"
              + " the same limit.");

  public static final ConfigKey<Duration> RETRY_AFTER_ON_RESOURCE_EXHAUSTED =
      ConfigKey.duration(
          "distributor.retry_after_on_resource_exhausted",
          Duration.ZERO,
          d -> !d.isNegative(),
          ">= 0",
          "When positive, rate-limited clients are told to retry after this long (HTTP"
              + " Retry-After, gRPC RetryInfo); OTLP exporters then retry.");

  public static final ConfigKey<Long> MAX_INFLIGHT_REQUEST_BYTES =
      ConfigKey.longValue(
          "distributor.max_inflight_request_bytes",
          0L,
          n -> n >= 0,
          ">= 0",
          "Memory that OTLP requests being read, inflated and decoded may hold at once, in bytes;"
              + " requests beyond it are refused before they are read (HTTP 503 with Retry-After,"
              + " gRPC UNAVAILABLE with RetryInfo) and exporters retry them. 0: a tenth of the"
              + " JVM's maximum heap.");

  public static final ConfigKey<Integer> SEARCH_DEFAULT_RESULT_LIMIT =
      ConfigKey.integer(
          "query_frontend.search.default_result_limit",
          20,
          n -> n > 0,
          "> 0",
          "Traces a search returns when the request gives no limit.");

  public static final ConfigKey<Integer> SEARCH_MAX_RESULT_LIMIT =
      ConfigKey.integer(
          "query_frontend.search.max_result_limit",
          262_144,
          n -> n >= 0,
          ">= 0",
          "Largest limit a search may ask for; larger ones get 400. 0 means no limit. Must not be"
              + " below default_result_limit.");

  public static final ConfigKey<Duration> SEARCH_MAX_DURATION =
      ConfigKey.duration(
          "query_frontend.search.max_duration",
          Duration.ofDays(7),
          d -> !d.isNegative(),
          ">= 0",
          "Widest start-end window a search may ask for; wider ones get 400. 0 means no limit.");

  public static final ConfigKey<Integer> SEARCH_DEFAULT_SPANS_PER_SPAN_SET =
      ConfigKey.integer(
          "query_frontend.search.default_spans_per_span_set",
          3,
          n -> n >= 0,
          ">= 0",
          "Spans shown per span set when a search gives no spss; 0 shows them all.");

  public static final ConfigKey<Integer> SEARCH_MAX_SPANS_PER_SPAN_SET =
      ConfigKey.integer(
          "query_frontend.search.max_spans_per_span_set",
          100,
          n -> n >= 0,
          ">= 0",
          "Largest spss a search may ask for; larger ones get 400. 0 means no limit. Must not be"
              + " below default_spans_per_span_set.");

  public static final ConfigKey<Integer> MAX_QUERY_EXPRESSION_SIZE_BYTES =
      ConfigKey.integer(
          "query_frontend.max_query_expression_size_bytes",
          128 * 1024,
          n -> n > 0 && n <= 128 * 1024,
          "1 to 131072 (the TraceQL parser's own limit)",
          "Longest TraceQL query accepted, in bytes; longer ones get 400.");

  public static final ConfigKey<Duration> SEARCH_QUERY_TIMEOUT =
      ConfigKey.duration(
          "querier.search.query_timeout",
          Duration.ofSeconds(30),
          ConfigKeys::positive,
          "> 0",
          "How long a search, or a search for tag names or values, may run. What it found by"
              + " then is returned with the header X-Vivace-Search-Partial (gRPC: the trailer"
              + " x-vivace-search-partial); when it found nothing, the answer is 504"
              + " (DEADLINE_EXCEEDED).");

  /** Every key, in documentation order. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          TARGET,
          MULTITENANCY_ENABLED,
          AUTH_ENABLED,
          HTTP_API_PREFIX,
          STREAM_OVER_HTTP_ENABLED,
          HTTP_LISTEN_ADDRESS,
          HTTP_LISTEN_PORT,
          LOG_LEVEL,
          GRACEFUL_SHUTDOWN_TIMEOUT,
          OTLP_GRPC_ENDPOINT,
          OTLP_GRPC_MAX_RECV_MSG_SIZE_MIB,
          OTLP_HTTP_ENDPOINT,
          OTLP_HTTP_MAX_REQUEST_BODY_SIZE,
          MAX_ATTRIBUTE_BYTES,
          RETRY_AFTER_ON_RESOURCE_EXHAUSTED,
          MAX_INFLIGHT_REQUEST_BYTES,
          TRACE_IDLE_PERIOD,
          MAX_BLOCK_DURATION,
          MAX_BLOCK_BYTES,
          CONCURRENT_FLUSHES,
          FLUSH_CHECK_PERIOD,
          FLUSH_ALL_ON_SHUTDOWN,
          STORAGE_BACKEND,
          STORAGE_LOCAL_PATH,
          S3_BUCKET,
          S3_PREFIX,
          S3_ENDPOINT,
          S3_REGION,
          S3_ACCESS_KEY,
          S3_SECRET_KEY,
          S3_SESSION_TOKEN,
          S3_INSECURE,
          S3_FORCE_PATH_STYLE,
          S3_PART_SIZE,
          S3_CONNECT_TIMEOUT,
          S3_REQUEST_TIMEOUT,
          S3_API_CALL_TIMEOUT,
          S3_RETRY_MAX_ATTEMPTS,
          WAL_PATH,
          WAL_SYNC,
          BLOCK_VERSION,
          BLOCKLIST_POLL,
          BLOCKLIST_POLL_TENANT_INDEX_BUILDERS,
          BLOCKLIST_POLL_STALE_TENANT_INDEX,
          BLOCKLIST_POLL_FALLBACK,
          BLOCK_RETENTION,
          BACKEND_WORKER_BLOCK_RETENTION,
          COMPACTED_BLOCK_RETENTION,
          BACKEND_WORKER_COMPACTED_BLOCK_RETENTION,
          RETENTION_CONCURRENCY,
          BACKEND_WORKER_RETENTION_CONCURRENCY,
          COMPACTION_WINDOW,
          BACKEND_WORKER_COMPACTION_WINDOW,
          MAX_COMPACTION_OBJECTS,
          BACKEND_WORKER_MAX_COMPACTION_OBJECTS,
          COMPACTION_MAX_BLOCK_BYTES,
          BACKEND_WORKER_COMPACTION_MAX_BLOCK_BYTES,
          COMPACTION_CYCLE,
          BACKEND_WORKER_COMPACTION_CYCLE,
          MAX_TIME_PER_TENANT,
          BACKEND_WORKER_MAX_TIME_PER_TENANT,
          TENANT_BLOCK_RETENTION,
          MAX_BYTES_PER_TRACE,
          MAX_TRACES_PER_USER,
          RATE_LIMIT_BYTES,
          BURST_SIZE_BYTES,
          RATE_STRATEGY,
          MAX_BYTES_PER_TAG_VALUES_QUERY,
          SEARCH_DEFAULT_RESULT_LIMIT,
          SEARCH_MAX_RESULT_LIMIT,
          SEARCH_MAX_DURATION,
          SEARCH_DEFAULT_SPANS_PER_SPAN_SET,
          SEARCH_MAX_SPANS_PER_SPAN_SET,
          MAX_QUERY_EXPRESSION_SIZE_BYTES,
          SEARCH_QUERY_TIMEOUT);

  /**
   * Sections and keys of Tempo's configuration that Vivace accepts but does not implement yet, so a
   * Tempo file can be used as it is: each is logged as ignored. Anything else unknown is an error.
   */
  static final List<String> TEMPO_NOT_IMPLEMENTED =
      List.of(
          "compactor",
          "memberlist",
          "metrics_generator",
          "query_frontend",
          "querier",
          "usage_report",
          "cache",
          "backend_scheduler",
          "backend_worker",
          "block_builder",
          "live_store",
          "ingest",
          "frontend_worker",
          "server.grpc_listen_address",
          "server.grpc_listen_port",
          "server.log_format",
          "server.http_server_read_timeout",
          "server.http_server_write_timeout",
          "server.http_server_idle_timeout",
          "server.grpc_server_max_recv_msg_size",
          "server.grpc_server_max_send_msg_size",
          "distributor.ring",
          "distributor.log_received_spans",
          "distributor.log_discarded_spans",
          "distributor.receivers.jaeger",
          "distributor.receivers.zipkin",
          "distributor.receivers.opencensus",
          "distributor.receivers.kafka",
          "distributor.receivers.otlp.protocols.grpc.tls",
          "distributor.receivers.otlp.protocols.grpc.keepalive",
          "distributor.receivers.otlp.protocols.grpc.include_metadata",
          "distributor.receivers.otlp.protocols.http.tls",
          "distributor.receivers.otlp.protocols.http.cors",
          "distributor.receivers.otlp.protocols.http.include_metadata",
          "ingester.lifecycler",
          "ingester.complete_block_timeout",
          "ingester.flush_op_timeout",
          "storage.trace.s3.tls_cert_path",
          "storage.trace.s3.tls_key_path",
          "storage.trace.s3.tls_ca_path",
          "storage.trace.s3.tls_server_name",
          "storage.trace.s3.tls_insecure_skip_verify",
          "storage.trace.s3.tls_cipher_suites",
          "storage.trace.s3.tls_min_version",
          "storage.trace.s3.hedge_requests_at",
          "storage.trace.s3.hedge_requests_up_to",
          "storage.trace.s3.retry_backoff_initial",
          "storage.trace.s3.retry_backoff_max",
          "storage.trace.s3.signature_v2",
          "storage.trace.s3.enable_dual_stack",
          "storage.trace.s3.bucket_lookup_type",
          "storage.trace.s3.tags",
          "storage.trace.s3.storage_class",
          "storage.trace.s3.metadata",
          "storage.trace.s3.native_aws_auth_enabled",
          "storage.trace.s3.list_blocks_concurrency",
          "storage.trace.s3.disable_multipart_upload",
          "storage.trace.s3.sse",
          "storage.trace.gcs",
          "storage.trace.azure",
          "storage.trace.cache",
          "storage.trace.background_cache",
          "storage.trace.memcached",
          "storage.trace.redis",
          "storage.trace.pool",
          "storage.trace.search",
          "storage.trace.blocklist_poll_concurrency",
          "storage.trace.blocklist_poll_jitter_ms",
          "storage.trace.blocklist_poll_tolerate_consecutive_errors",
          "storage.trace.empty_tenant_deletion_enabled",
          "storage.trace.empty_tenant_deletion_age",
          "storage.trace.wal.v2_encoding",
          "storage.trace.wal.search_encoding",
          "storage.trace.wal.ingestion_time_range_slack",
          "storage.trace.wal.version",
          "storage.trace.block.bloom_filter_false_positive",
          "storage.trace.block.bloom_filter_shard_size_bytes",
          "storage.trace.block.v2_index_downsample_bytes",
          "storage.trace.block.v2_index_page_size_bytes",
          "storage.trace.block.v2_encoding",
          "storage.trace.block.search_encoding",
          "storage.trace.block.parquet_row_group_size_bytes",
          "storage.trace.block.parquet_dedicated_columns",
          "overrides.defaults.ingestion.max_global_traces_per_user",
          "overrides.defaults.ingestion.retry_info_enabled",
          "overrides.defaults.read",
          "overrides.defaults.compaction",
          "overrides.defaults.metrics_generator",
          "overrides.defaults.forwarders",
          "overrides.defaults.storage",
          "overrides.per_tenant_override_config",
          "overrides.per_tenant_override_period");

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private ConfigKeys() {}
}
