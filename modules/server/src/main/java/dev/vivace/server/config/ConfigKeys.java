package dev.vivace.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every configuration key Vivace reads. Paths follow Tempo's YAML layout; they are public API.
 */
public final class ConfigKeys {

  public static final ConfigKey<String> TARGET =
      ConfigKey.string("target", "all", "all"::equals, "all",
          "Which components to run. Vivace runs as a single binary, so only 'all' is accepted.");

  public static final ConfigKey<Boolean> MULTITENANCY_ENABLED =
      ConfigKey.bool("multitenancy_enabled", false,
          "Require the X-Scope-OrgID header on ingest and queries and keep tenants apart. When"
              + " false, all data belongs to the tenant 'single-tenant'.");

  public static final ConfigKey<Boolean> AUTH_ENABLED =
      ConfigKey.bool("auth_enabled", false, "Deprecated alias of multitenancy_enabled, as in Tempo.");

  public static final ConfigKey<String> HTTP_API_PREFIX =
      ConfigKey.string("http_api_prefix", "",
          p -> p.isEmpty() || (p.startsWith("/") && !p.endsWith("/")),
          "empty, or a path starting and not ending with '/'",
          "Prefix put before every /api route of the query API (not /ready or /metrics).");

  public static final ConfigKey<Boolean> STREAM_OVER_HTTP_ENABLED =
      ConfigKey.bool("stream_over_http_enabled", false,
          "Tempo's gRPC streaming on the HTTP port. Accepted for compatibility; Vivace does not"
              + " serve streaming queries yet, so leave Grafana's streaming option off.");

  public static final ConfigKey<String> HTTP_LISTEN_ADDRESS =
      ConfigKey.string("server.http_listen_address", "", a -> true, "",
          "Address the query API listens on; empty means all interfaces.");

  public static final ConfigKey<Integer> HTTP_LISTEN_PORT =
      ConfigKey.integer("server.http_listen_port", 3200, p -> p >= 0 && p <= 65535, "0 to 65535",
          "Port of the query API, /ready and /metrics (0 picks a free port).");

  public static final ConfigKey<String> LOG_LEVEL =
      ConfigKey.string("server.log_level", "info",
          Set.of("debug", "info", "warn", "error")::contains, "one of debug, info, warn, error",
          "Log level.");

  public static final ConfigKey<Duration> GRACEFUL_SHUTDOWN_TIMEOUT =
      ConfigKey.duration("server.graceful_shutdown_timeout", Duration.ofSeconds(30),
          d -> !d.isNegative(), ">= 0",
          "On SIGTERM, how long in-flight requests may take to finish before the server stops.");

  public static final ConfigKey<String> OTLP_GRPC_ENDPOINT =
      ConfigKey.string("distributor.receivers.otlp.protocols.grpc.endpoint", "0.0.0.0:4317",
          Endpoints::isValid, "host:port",
          "OTLP/gRPC listener. Without a distributor.receivers section both OTLP receivers listen"
              + " on all interfaces; with one, only the protocols listed are enabled, and a"
              + " protocol listed without an endpoint listens on localhost, as in Tempo.");

  public static final ConfigKey<Integer> OTLP_GRPC_MAX_RECV_MSG_SIZE_MIB =
      ConfigKey.integer("distributor.receivers.otlp.protocols.grpc.max_recv_msg_size_mib", 4,
          n -> n > 0 && n <= 1024, "1 to 1024",
          "Largest OTLP/gRPC message accepted, in MiB (after decompression).");

  public static final ConfigKey<String> OTLP_HTTP_ENDPOINT =
      ConfigKey.string("distributor.receivers.otlp.protocols.http.endpoint", "0.0.0.0:4318",
          Endpoints::isValid, "host:port",
          "OTLP/HTTP listener (POST /v1/traces). Enabled like the gRPC receiver.");

  public static final ConfigKey<Integer> OTLP_HTTP_MAX_REQUEST_BODY_SIZE =
      ConfigKey.integer("distributor.receivers.otlp.protocols.http.max_request_body_size",
          20 * 1024 * 1024, n -> n > 0, "> 0",
          "Largest OTLP/HTTP body accepted, in bytes, after decompression; larger ones get 413.");

  public static final ConfigKey<Integer> MAX_ATTRIBUTE_BYTES =
      ConfigKey.integer("distributor.max_attribute_bytes", 2048, n -> n >= 0, ">= 0",
          "Attribute keys and string values longer than this many bytes are truncated; 0 keeps"
              + " them whole.");

  public static final ConfigKey<Duration> TRACE_IDLE_PERIOD =
      ConfigKey.duration("ingester.trace_idle_period", Duration.ofSeconds(5),
          d -> !d.isNegative() && !d.isZero(), "> 0",
          "A trace that receives no span for this long is complete: it stops counting as live.");

  public static final ConfigKey<Long> MAX_BYTES_PER_TRACE =
      ConfigKey.longValue("overrides.defaults.global.max_bytes_per_trace", 5_000_000L,
          n -> n >= 0, ">= 0",
          "Largest trace, in bytes: spans that would grow a live trace past it are refused, and"
              + " larger query results are refused (v1) or cut (v2). 0 means no limit.");

  public static final ConfigKey<Integer> MAX_TRACES_PER_USER =
      ConfigKey.integer("overrides.defaults.ingestion.max_traces_per_user", 10_000,
          n -> n >= 0, ">= 0",
          "Most live traces per tenant; spans of further new traces are refused. 0 means no"
              + " limit.");

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
          TRACE_IDLE_PERIOD,
          MAX_BYTES_PER_TRACE,
          MAX_TRACES_PER_USER);

  /**
   * Sections and keys of Tempo's configuration that Vivace accepts but does not implement yet, so
   * a Tempo file can be used as it is: each is logged as ignored. Anything else unknown is an
   * error.
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
          "storage",
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
          "distributor.retry_after_on_resource_exhausted",
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
          "ingester.max_block_duration",
          "ingester.max_block_bytes",
          "ingester.complete_block_timeout",
          "ingester.flush_check_period",
          "ingester.concurrent_flushes",
          "ingester.flush_all_on_shutdown",
          "overrides.defaults.ingestion.rate_strategy",
          "overrides.defaults.ingestion.rate_limit_bytes",
          "overrides.defaults.ingestion.burst_size_bytes",
          "overrides.defaults.ingestion.max_global_traces_per_user",
          "overrides.defaults.ingestion.retry_info_enabled",
          "overrides.defaults.read",
          "overrides.defaults.compaction",
          "overrides.defaults.metrics_generator",
          "overrides.defaults.forwarders",
          "overrides.defaults.storage",
          "overrides.per_tenant_override_config",
          "overrides.per_tenant_override_period");

  private ConfigKeys() {}
}
