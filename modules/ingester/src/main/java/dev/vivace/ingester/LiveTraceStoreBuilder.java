package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Builds a {@link LiveTraceStore}. */
public final class LiveTraceStoreBuilder {

  /** Tempo's {@code ingester.trace_idle_period}: if unset, defaults to 5 seconds. */
  public static final Duration DEFAULT_TRACE_IDLE_PERIOD = Duration.ofSeconds(5);

  /** Tempo's {@code ingester.max_block_duration}: if unset, defaults to 30 minutes. */
  public static final Duration DEFAULT_MAX_BLOCK_DURATION = Duration.ofMinutes(30);

  /** Tempo's {@code ingester.max_block_bytes}: if unset, defaults to 500 MiB. */
  public static final long DEFAULT_MAX_BLOCK_BYTES = 500L * 1024 * 1024;

  private Clock clock = Clock.systemUTC();
  private Duration maxBlockDuration = DEFAULT_MAX_BLOCK_DURATION;
  private long maxBlockBytes = DEFAULT_MAX_BLOCK_BYTES;
  private Duration traceIdlePeriod = DEFAULT_TRACE_IDLE_PERIOD;
  private Function<String, IngestLimits> limits = tenant -> IngestLimits.DEFAULT;
  private @Nullable Path headDirectory;

  LiveTraceStoreBuilder() {}

  /** The clock that stamps appends; if unset, defaults to the system UTC clock. */
  public LiveTraceStoreBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * How long a trace must receive no span before it counts as complete; if unset, defaults to
   * {@link #DEFAULT_TRACE_IDLE_PERIOD}.
   */
  public LiveTraceStoreBuilder traceIdlePeriod(Duration traceIdlePeriod) {
    requireNonNull(traceIdlePeriod, "traceIdlePeriod");
    if (traceIdlePeriod.isNegative() || traceIdlePeriod.isZero()) {
      throw new IllegalArgumentException(
          "traceIdlePeriod: " + traceIdlePeriod + " (expected: > 0)");
    }
    this.traceIdlePeriod = traceIdlePeriod;
    return this;
  }

  /**
   * How old a head block may grow before it is cut; if unset, {@link #DEFAULT_MAX_BLOCK_DURATION}.
   */
  public LiveTraceStoreBuilder maxBlockDuration(Duration maxBlockDuration) {
    requireNonNull(maxBlockDuration, "maxBlockDuration");
    if (maxBlockDuration.isNegative() || maxBlockDuration.isZero()) {
      throw new IllegalArgumentException(
          "maxBlockDuration: " + maxBlockDuration + " (expected: > 0)");
    }
    this.maxBlockDuration = maxBlockDuration;
    return this;
  }

  /**
   * How large a head block may grow before it is cut; if unset, {@link #DEFAULT_MAX_BLOCK_BYTES}.
   */
  public LiveTraceStoreBuilder maxBlockBytes(long maxBlockBytes) {
    if (maxBlockBytes <= 0) {
      throw new IllegalArgumentException("maxBlockBytes: " + maxBlockBytes + " (expected: > 0)");
    }
    this.maxBlockBytes = maxBlockBytes;
    return this;
  }

  /** The limits of each tenant; if unset, defaults to {@link IngestLimits#DEFAULT} for all. */
  public LiveTraceStoreBuilder limits(Function<String, IngestLimits> limits) {
    this.limits = requireNonNull(limits, "limits");
    return this;
  }

  /**
   * The directory of the head block files, one subdirectory per tenant (the server uses {@code <wal
   * path>/head}); if unset, a new directory under the system temp directory. The files are a cache
   * of what the write-ahead log holds: {@link Ingester#start()} deletes those a previous process
   * left, and replaying the log writes them anew. Nothing is created before the first trace goes
   * idle.
   */
  public LiveTraceStoreBuilder headDirectory(Path headDirectory) {
    this.headDirectory = requireNonNull(headDirectory, "headDirectory");
    return this;
  }

  /**
   * Returns a new store.
   *
   * @throws StorageException if no head block directory was set and none can be created
   */
  public LiveTraceStore build() {
    Path dir = headDirectory;
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("vivace-head-");
      } catch (IOException e) {
        throw new StorageException("creating a head block directory failed", e);
      }
    }
    return new LiveTraceStore(clock, traceIdlePeriod, maxBlockDuration, maxBlockBytes, limits, dir);
  }
}
