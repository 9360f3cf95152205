package dev.vivace.block.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Builds a {@link Compactor}. */
public final class CompactorBuilder {

  /** Tempo's {@code compactor.compaction.compaction_window} default: 1 hour. */
  public static final Duration DEFAULT_COMPACTION_WINDOW = Duration.ofHours(1);

  /** Tempo's {@code compactor.compaction.max_compaction_objects} default. */
  public static final long DEFAULT_MAX_COMPACTION_OBJECTS = 6_000_000L;

  /** Tempo's {@code compactor.compaction.max_block_bytes} default: 100 GiB. */
  public static final long DEFAULT_MAX_BLOCK_BYTES = 100L * 1024 * 1024 * 1024;

  /** Tempo's fewest input blocks of a job. */
  public static final int DEFAULT_MIN_INPUT_BLOCKS = 2;

  /** Tempo's most input blocks of a job. */
  public static final int DEFAULT_MAX_INPUT_BLOCKS = 4;

  /** No compaction level is too high. */
  public static final int DEFAULT_MAX_COMPACTION_LEVEL = Integer.MAX_VALUE;

  /** Tempo's {@code compactor.compaction.max_time_per_tenant} default: 5 minutes. */
  public static final Duration DEFAULT_MAX_TIME_PER_TENANT = Duration.ofMinutes(5);

  /** No limit on the bytes of a trace that is combined. */
  public static final long DEFAULT_MAX_BYTES_PER_TRACE = 0;

  /** How long a block directory without a meta is left alone: 1 hour. */
  public static final Duration DEFAULT_LEFTOVER_GRACE = Duration.ofHours(1);

  final ObjectStore store;
  Clock clock = Clock.systemUTC();
  Duration compactionWindow = DEFAULT_COMPACTION_WINDOW;
  long maxCompactionObjects = DEFAULT_MAX_COMPACTION_OBJECTS;
  long maxBlockBytes = DEFAULT_MAX_BLOCK_BYTES;
  int minInputBlocks = DEFAULT_MIN_INPUT_BLOCKS;
  int maxInputBlocks = DEFAULT_MAX_INPUT_BLOCKS;
  int maxCompactionLevel = DEFAULT_MAX_COMPACTION_LEVEL;
  Duration maxTimePerTenant = DEFAULT_MAX_TIME_PER_TENANT;
  long maxBytesPerTrace = DEFAULT_MAX_BYTES_PER_TRACE;
  Duration leftoverGrace = DEFAULT_LEFTOVER_GRACE;
  CompactionOwner owner = CompactionOwner.inProcess();
  @Nullable VParquet4BlockWriter writer;

  CompactorBuilder(ObjectStore store) {
    this.store = store;
  }

  /**
   * The clock that decides windows, ages and the compacted time. If unset, defaults to {@link
   * Clock#systemUTC()}.
   */
  public CompactorBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The time window blocks are grouped by (of their end time), whole seconds. If unset, defaults to
   * {@link #DEFAULT_COMPACTION_WINDOW}.
   */
  public CompactorBuilder compactionWindow(Duration compactionWindow) {
    requireNonNull(compactionWindow, "compactionWindow");
    if (compactionWindow.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "compactionWindow: " + compactionWindow + " (expected: >= 1s)");
    }
    this.compactionWindow = compactionWindow;
    return this;
  }

  /**
   * The most traces (sum of {@code totalObjects}) of one job. If unset, defaults to {@link
   * #DEFAULT_MAX_COMPACTION_OBJECTS}.
   */
  public CompactorBuilder maxCompactionObjects(long maxCompactionObjects) {
    this.maxCompactionObjects = positive("maxCompactionObjects", maxCompactionObjects);
    return this;
  }

  /**
   * The most bytes (sum of {@code size}) of one job. If unset, defaults to {@link
   * #DEFAULT_MAX_BLOCK_BYTES}.
   */
  public CompactorBuilder maxBlockBytes(long maxBlockBytes) {
    this.maxBlockBytes = positive("maxBlockBytes", maxBlockBytes);
    return this;
  }

  /**
   * The fewest and most input blocks of one job. If unset, default to {@link
   * #DEFAULT_MIN_INPUT_BLOCKS} and {@link #DEFAULT_MAX_INPUT_BLOCKS}.
   */
  public CompactorBuilder inputBlocks(int min, int max) {
    if (min < 2 || max < min) {
      throw new IllegalArgumentException(
          "inputBlocks: " + min + ".." + max + " (expected: 2 <= min <= max)");
    }
    this.minInputBlocks = min;
    this.maxInputBlocks = max;
    return this;
  }

  /**
   * Blocks at this compaction level or above are not compacted. If unset, defaults to {@link
   * #DEFAULT_MAX_COMPACTION_LEVEL}.
   */
  public CompactorBuilder maxCompactionLevel(int maxCompactionLevel) {
    this.maxCompactionLevel = (int) positive("maxCompactionLevel", maxCompactionLevel);
    return this;
  }

  /**
   * How long one run keeps starting jobs of one tenant. If unset, defaults to {@link
   * #DEFAULT_MAX_TIME_PER_TENANT}.
   */
  public CompactorBuilder maxTimePerTenant(Duration maxTimePerTenant) {
    requireNonNull(maxTimePerTenant, "maxTimePerTenant");
    if (maxTimePerTenant.isNegative() || maxTimePerTenant.isZero()) {
      throw new IllegalArgumentException(
          "maxTimePerTenant: " + maxTimePerTenant + " (expected: > 0)");
    }
    this.maxTimePerTenant = maxTimePerTenant;
    return this;
  }

  /**
   * A trace whose copies in the inputs are together larger than this (protobuf bytes) is not
   * combined: the first input's copy is kept, as Tempo does; 0 for no limit. If unset, defaults to
   * {@link #DEFAULT_MAX_BYTES_PER_TRACE}.
   */
  public CompactorBuilder maxBytesPerTrace(long maxBytesPerTrace) {
    if (maxBytesPerTrace < 0) {
      throw new IllegalArgumentException(
          "maxBytesPerTrace: " + maxBytesPerTrace + " (expected: >= 0)");
    }
    this.maxBytesPerTrace = maxBytesPerTrace;
    return this;
  }

  /**
   * How long a block directory with neither meta is left alone after it was first seen, before it
   * is deleted as the leftover of an interrupted write. If unset, defaults to {@link
   * #DEFAULT_LEFTOVER_GRACE}.
   */
  public CompactorBuilder leftoverGrace(Duration leftoverGrace) {
    requireNonNull(leftoverGrace, "leftoverGrace");
    if (leftoverGrace.isNegative()) {
      throw new IllegalArgumentException("leftoverGrace: " + leftoverGrace + " (expected: >= 0)");
    }
    this.leftoverGrace = leftoverGrace;
    return this;
  }

  /** Who runs which job. If unset, defaults to {@link CompactionOwner#inProcess()}. */
  public CompactorBuilder owner(CompactionOwner owner) {
    this.owner = requireNonNull(owner, "owner");
    return this;
  }

  /**
   * The writer of the output blocks (its row group size, bloom settings and temp directory; the
   * dedicated columns come from the inputs). If unset, defaults to a writer over the store with
   * default settings.
   */
  public CompactorBuilder writer(VParquet4BlockWriter writer) {
    this.writer = requireNonNull(writer, "writer");
    return this;
  }

  /** Returns the compactor. Does no I/O. */
  public Compactor build() {
    return new Compactor(this);
  }

  private static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
    return value;
  }
}
