package dev.vivace.server;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.logging.LogLevel;
import com.linecorp.armeria.common.logging.LogWriter;
import com.linecorp.armeria.common.metric.MeterIdPrefixFunction;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.logging.LoggingService;
import com.linecorp.armeria.server.metric.MetricCollectingService;
import dev.vivace.block.lifecycle.Compactor;
import dev.vivace.block.lifecycle.Retention;
import dev.vivace.ingest.otlp.OtlpGrpcService;
import dev.vivace.ingest.otlp.OtlpHttpService;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.Endpoints;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.storage.ObjectStore;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vivace as one process: the query API listener (port 3200 by default, also {@code /ready} and
 * {@code /metrics}) and the OTLP gRPC and HTTP listeners, over shared components.
 */
public final class VivaceServer implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(VivaceServer.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration QUIET_PERIOD = Duration.ofMillis(100);
  private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(1);

  /**
   * Builds the server from {@code config}, with the process environment for the s3 credential
   * chain. Binds nothing until {@link #start()}.
   *
   * @throws dev.vivace.server.config.ConfigException when settings cannot work together
   */
  public static VivaceServer create(VivaceConfig config) {
    return create(config, System.getenv());
  }

  /**
   * As {@link #create(VivaceConfig)}, with {@code environment} where the s3 credential chain looks
   * for AWS and Alibaba Cloud RRSA variables (Main passes the process environment).
   */
  public static VivaceServer create(VivaceConfig config, Map<String, String> environment) {
    return create(config, environment, UnaryOperator.identity());
  }

  /** As {@link #create(VivaceConfig)}, with the object store wrapped, for fault injection. */
  static VivaceServer create(VivaceConfig config, UnaryOperator<ObjectStore> decorateStore) {
    return create(config, System.getenv(), decorateStore);
  }

  static VivaceServer create(
      VivaceConfig config,
      Map<String, String> environment,
      UnaryOperator<ObjectStore> decorateStore) {
    return new VivaceServer(
        new Components(
            requireNonNull(config, "config"),
            Map.copyOf(requireNonNull(environment, "environment")),
            requireNonNull(decorateStore, "decorateStore")));
  }

  private final Components components;
  private final Server query;
  private final @Nullable Server otlpGrpc;
  private final @Nullable Server otlpHttp;
  private final ScheduledExecutorService poller;
  private final ScheduledExecutorService compaction;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private volatile boolean closed;

  private VivaceServer(Components c) {
    this.components = c;
    VivaceConfig config = c.config;
    Duration grace = config.get(ConfigKeys.GRACEFUL_SHUTDOWN_TIMEOUT);
    String address = config.get(ConfigKeys.HTTP_LISTEN_ADDRESS);
    int port = config.get(ConfigKeys.HTTP_LISTEN_PORT);
    ServerBuilder qb =
        newServer(
            address.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(address, port),
            grace,
            c);
    configureQueryServices(qb, c);
    this.query = qb.build();

    Receivers receivers = Receivers.of(config);
    if (receivers.grpcEndpoint() != null) {
      ServerBuilder gb = newServer(resolve(receivers.grpcEndpoint()), grace, c);
      configureOtlpGrpcServices(gb, c);
      this.otlpGrpc = gb.build();
    } else {
      this.otlpGrpc = null;
    }
    if (receivers.httpEndpoint() != null) {
      ServerBuilder hb = newServer(resolve(receivers.httpEndpoint()), grace, c);
      configureOtlpHttpServices(hb, c);
      this.otlpHttp = hb.build();
    } else {
      this.otlpHttp = null;
    }
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vivace-blocklist-poller");
              t.setDaemon(true);
              return t;
            });
    this.compaction =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vivace-compactor");
              t.setDaemon(true);
              return t;
            });
  }

  private static InetSocketAddress resolve(String endpoint) {
    InetSocketAddress a = Endpoints.parse(endpoint);
    return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
  }

  static ServerBuilder newServer(InetSocketAddress address, Duration grace, Components c) {
    return Server.builder()
        .http(address)
        .meterRegistry(c.registry)
        .requestTimeout(REQUEST_TIMEOUT)
        // A zero quiet period would turn graceful shutdown off: in-flight requests would be cut.
        .gracefulShutdownTimeout(grace.compareTo(QUIET_PERIOD) < 0 ? grace : QUIET_PERIOD, grace)
        .decorator(
            LoggingService.builder()
                .logWriter(
                    LogWriter.builder()
                        .logger("vivace.requests")
                        .requestLogLevel(LogLevel.DEBUG)
                        .successfulResponseLogLevel(LogLevel.DEBUG)
                        .failureResponseLogLevel(LogLevel.WARN)
                        .build())
                .newDecorator())
        .decorator(
            MetricCollectingService.newDecorator(
                MeterIdPrefixFunction.ofDefault("vivace.http.server")));
  }

  /**
   * The query API, readiness, metrics and the flush endpoint, and with stream_over_http_enabled
   * Tempo's gRPC streaming querier (h2c on the same port, as Tempo serves it). Sets no port.
   */
  static void configureQueryServices(ServerBuilder sb, Components c) {
    c.queryApi.addTo(sb);
    if (c.streamingQuerier != null) {
      c.streamingQuerier.addTo(sb);
    }
    sb.service("/ready", c.readiness);
    sb.route()
        .path("/flush")
        .methods(HttpMethod.GET, HttpMethod.POST)
        // Longer than the flush waits, so that it always answers itself, naming what failed.
        .requestTimeout(FLUSH_TIMEOUT.plus(REQUEST_TIMEOUT))
        .build(new FlushService(c.ingester, c.flushOutcomes, FLUSH_TIMEOUT));
    sb.service(
        "/metrics",
        (ctx, req) ->
            HttpResponse.of(
                HttpStatus.OK,
                MediaType.parse("text/plain; version=0.0.4; charset=utf-8"),
                c.registry.scrape()));
  }

  /** OTLP/gRPC trace export. Sets no port. */
  static void configureOtlpGrpcServices(ServerBuilder sb, Components c) {
    // The route's limit is checked against Content-Length before the service runs, so it must be
    // the service's own: the server's default (10 MiB) would refuse larger messages first.
    sb.route()
        .path(OtlpGrpcService.PATH)
        .maxRequestLength(c.otlpGrpc.maxRequestLength())
        .build(c.otlpGrpc);
  }

  /** OTLP/HTTP trace export. Sets no port. */
  static void configureOtlpHttpServices(ServerBuilder sb, Components c) {
    sb.route()
        .path(OtlpHttpService.PATH)
        .maxRequestLength(c.otlpHttp.maxRequestLength())
        .build(c.otlpHttp);
  }

  /**
   * Prepares storage, replays the write-ahead log, finds existing blocks, then binds every listener
   * and starts serving.
   */
  public void start() {
    try {
      Files.createDirectories(components.walPath);
      if (components.blocksPath != null) {
        Files.createDirectories(components.blocksPath);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directories: " + e.getMessage(), e);
    }
    components.ingester.start();
    pollBlocks();
    long poll = components.config.get(ConfigKeys.BLOCKLIST_POLL).toMillis();
    // maintainBlocks catches what it can, so the schedule never ends by itself; close() stops it.
    ScheduledFuture<?> unused =
        poller.scheduleWithFixedDelay(this::maintainBlocks, poll, poll, TimeUnit.MILLISECONDS);
    Compactor compactor = components.compactor;
    if (compactor != null) {
      long cycle = BlockCompaction.cycle(components.config).toMillis();
      // compactBlocks catches what it can, so the schedule never ends by itself; close() stops it.
      ScheduledFuture<?> unusedCompaction =
          compaction.scheduleWithFixedDelay(
              () -> compactBlocks(compactor), cycle, cycle, TimeUnit.MILLISECONDS);
    }
    new JvmMemoryMetrics().bindTo(components.registry);
    new JvmThreadMetrics().bindTo(components.registry);
    new ProcessorMetrics().bindTo(components.registry);
    new UptimeMetrics().bindTo(components.registry);
    gcMetrics.bindTo(components.registry);
    PipelineMetrics.bind(
        components.registry, components.ingester, components.wal, components.blockFinder);
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (Server s : servers()) {
      started.add(s.start());
    }
    CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])).join();
    components.readiness.ready();
  }

  /** Returns whether the poll listed the store. */
  private boolean pollBlocks() {
    try {
      int blocks = components.poller.poll();
      logger.debug("Blocklist poll: {} blocks", blocks);
      return true;
    } catch (RuntimeException e) {
      logger.warn("Blocklist poll failed; retrying at the next poll", e);
      return false;
    }
  }

  /** Polls, then applies retention to what the poll found; not to an older poll's result. */
  private void maintainBlocks() {
    if (!pollBlocks()) {
      return;
    }
    try {
      Retention.Result result = components.retention.run(components.poller.lastPoll());
      if (result.marked() + result.deleted() > 0) {
        // Drop the blocks just marked compacted before their data goes.
        pollBlocks();
      }
      logger.debug(
          "Retention: {} blocks marked compacted, {} deleted, {} failed",
          result.marked(),
          result.deleted(),
          result.failed());
    } catch (RuntimeException e) {
      logger.warn("Retention failed; retrying at the next run", e);
    }
  }

  /** One compaction run over every tenant; a failure is logged and the next cycle tries again. */
  private static void compactBlocks(Compactor compactor) {
    try {
      Compactor.Result result = compactor.run();
      if (result.jobs() + result.failed() + result.leftoversDeleted() > 0) {
        logger.info(
            "Compaction: {} jobs compacted {} blocks, {} failed, {} leftovers deleted",
            result.jobs(),
            result.compactedBlocks(),
            result.failed(),
            result.leftoversDeleted());
      }
    } catch (RuntimeException e) {
      logger.warn("Compaction failed; retrying at the next cycle", e);
    }
  }

  private List<Server> servers() {
    List<Server> all = new ArrayList<>(3);
    all.add(query);
    if (otlpGrpc != null) {
      all.add(otlpGrpc);
    }
    if (otlpHttp != null) {
      all.add(otlpHttp);
    }
    return all;
  }

  /** The number of blocks flushed since start. */
  long flushedBlocksForTest() {
    return components.ingester.flushedBlocks();
  }

  /** Where blocks are stored, e.g. a directory or {@code s3://bucket/prefix at endpoint}. */
  public String blockStorage() {
    return components.blockStorage;
  }

  /** The port the query API listens on. */
  public int queryPort() {
    return query.activeLocalPort();
  }

  /** The port the OTLP/gRPC receiver listens on, or -1 when it is off. */
  public int otlpGrpcPort() {
    return otlpGrpc == null ? -1 : otlpGrpc.activeLocalPort();
  }

  /** The port the OTLP/HTTP receiver listens on, or -1 when it is off. */
  public int otlpHttpPort() {
    return otlpHttp == null ? -1 : otlpHttp.activeLocalPort();
  }

  /**
   * Stops gracefully: reports not ready, stops accepting connections, lets in-flight requests
   * finish within {@code server.graceful_shutdown_timeout}, then releases everything.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    components.readiness.notReady("Application is stopping");
    List<CompletableFuture<Void>> stopped = new ArrayList<>();
    for (Server s : servers()) {
      stopped.add(s.stop());
    }
    CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0])).join();
    poller.shutdownNow();
    compaction.shutdownNow();
    if (components.config.get(ConfigKeys.FLUSH_ALL_ON_SHUTDOWN)) {
      Duration grace = components.config.get(ConfigKeys.GRACEFUL_SHUTDOWN_TIMEOUT);
      if (!components.ingester.flushAll(grace)) {
        logger.warn(
            "Not every block was flushed within {}; the write-ahead log keeps the rest", grace);
      }
    }
    components.ingester.close();
    components.lookupExecutor.shutdownNow();
    components.searchExecutor.shutdownNow();
    components.objectStore.close();
    gcMetrics.close();
    components.registry.close();
  }
}
