package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import dev.vivace.ingest.BlockSink;
import dev.vivace.ingest.IngestLog;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Builds an {@link Ingester}. */
public final class IngesterBuilder {

  /** Tempo's {@code ingester.flush_check_period}: if unset, defaults to 10 seconds. */
  public static final Duration DEFAULT_FLUSH_CHECK_PERIOD = Duration.ofSeconds(10);

  /** Tempo's {@code ingester.concurrent_flushes}: if unset, defaults to 4. */
  public static final int DEFAULT_CONCURRENT_FLUSHES = 4;

  final LiveTraceStore store;
  final IngestLog log;
  final BlockSink blocks;
  Duration flushCheckPeriod = DEFAULT_FLUSH_CHECK_PERIOD;
  int concurrentFlushes = DEFAULT_CONCURRENT_FLUSHES;
  Duration appendTimeout = Duration.ofSeconds(20);
  Duration minBackoff = Duration.ofSeconds(1);
  Duration maxBackoff = Duration.ofMinutes(1);
  long maxHeldBytes = defaultMaxHeldBytes();
  @Nullable FlushScheduler scheduler;

  /**
   * If unset, 5% of the JVM's maximum heap: spans held as Java objects take five to ten times their
   * encoded size, and building a block needs about as much again.
   */
  static long defaultMaxHeldBytes() {
    return (long) (Runtime.getRuntime().maxMemory() * 0.05);
  }

  IngesterBuilder(LiveTraceStore store, IngestLog log, BlockSink blocks) {
    this.store = requireNonNull(store, "store");
    this.log = requireNonNull(log, "log");
    this.blocks = requireNonNull(blocks, "blocks");
  }

  /** How often idle traces are cut and head blocks checked; if unset, 10 seconds. */
  public IngesterBuilder flushCheckPeriod(Duration period) {
    this.flushCheckPeriod = positive("flushCheckPeriod", period);
    return this;
  }

  /** How many blocks are written at once; if unset, {@link #DEFAULT_CONCURRENT_FLUSHES}. */
  public IngesterBuilder concurrentFlushes(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("concurrentFlushes: " + n + " (expected: > 0)");
    }
    this.concurrentFlushes = n;
    return this;
  }

  /** How long a push waits for the log before failing; if unset, 20 seconds. */
  public IngesterBuilder appendTimeout(Duration timeout) {
    this.appendTimeout = positive("appendTimeout", timeout);
    return this;
  }

  /** The first and the longest wait between attempts to write a block; if unset, 1 s and 1 min. */
  public IngesterBuilder flushBackoff(Duration min, Duration max) {
    this.minBackoff = positive("min", min);
    this.maxBackoff = positive("max", max);
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= " + min + ")");
    }
    return this;
  }

  /**
   * The most span bytes of live traces held in memory before pushes are refused with a {@code
   * CapacityException}, so clients slow down instead of exhausting the heap; past half of it, live
   * traces move to the head block files before they go idle. Head blocks and blocks being written
   * are on disk and do not count. If unset, {@link #defaultMaxHeldBytes()}.
   */
  public IngesterBuilder maxHeldBytes(long maxHeldBytes) {
    if (maxHeldBytes <= 0) {
      throw new IllegalArgumentException("maxHeldBytes: " + maxHeldBytes + " (expected: > 0)");
    }
    this.maxHeldBytes = maxHeldBytes;
    return this;
  }

  /**
   * Runs the flush loop, the block writes and the waits; if unset, thread pools on the system's
   * time. Package-private: tests pass a fake driven by a fake clock.
   */
  IngesterBuilder scheduler(FlushScheduler scheduler) {
    this.scheduler = requireNonNull(scheduler, "scheduler");
    return this;
  }

  private static Duration positive(String name, Duration d) {
    requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
    return d;
  }

  /** Returns a new ingester; nothing runs until {@link Ingester#start()}. */
  public Ingester build() {
    return new Ingester(this);
  }
}
