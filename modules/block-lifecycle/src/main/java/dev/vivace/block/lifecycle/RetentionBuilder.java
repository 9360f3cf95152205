package dev.vivace.block.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Builds a {@link Retention}. */
public final class RetentionBuilder {

  /** Tempo's {@code compactor.compaction.block_retention} default: 14 days. */
  public static final Duration DEFAULT_BLOCK_RETENTION = Duration.ofDays(14);

  /** Tempo's {@code compactor.compaction.compacted_block_retention} default: 1 hour. */
  public static final Duration DEFAULT_COMPACTED_BLOCK_RETENTION = Duration.ofHours(1);

  /** Tempo's {@code compactor.compaction.retention_concurrency} default. */
  public static final int DEFAULT_CONCURRENCY = 10;

  final ObjectStore store;
  Clock clock = Clock.systemUTC();
  Duration blockRetention = DEFAULT_BLOCK_RETENTION;
  Function<String, Optional<Duration>> tenantBlockRetention = tenant -> Optional.empty();
  Duration compactedBlockRetention = DEFAULT_COMPACTED_BLOCK_RETENTION;
  int concurrency = DEFAULT_CONCURRENCY;

  RetentionBuilder(ObjectStore store) {
    this.store = store;
  }

  /** The clock that decides what is old. If unset, defaults to {@link Clock#systemUTC()}. */
  public RetentionBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * How long after its end time a block is kept, unless {@link #tenantBlockRetention} says
   * otherwise for its tenant. If unset, defaults to {@link #DEFAULT_BLOCK_RETENTION}.
   */
  public RetentionBuilder blockRetention(Duration blockRetention) {
    requireNonNull(blockRetention, "blockRetention");
    if (blockRetention.isNegative() || blockRetention.isZero()) {
      throw new IllegalArgumentException("blockRetention: " + blockRetention + " (expected: > 0)");
    }
    this.blockRetention = blockRetention;
    return this;
  }

  /**
   * The block retention of a tenant, when it has its own; empty means {@link #blockRetention}. If
   * unset, no tenant has its own.
   */
  public RetentionBuilder tenantBlockRetention(
      Function<String, Optional<Duration>> tenantBlockRetention) {
    this.tenantBlockRetention = requireNonNull(tenantBlockRetention, "tenantBlockRetention");
    return this;
  }

  /**
   * How long after it was marked compacted a block is deleted. If unset, defaults to {@link
   * #DEFAULT_COMPACTED_BLOCK_RETENTION}.
   */
  public RetentionBuilder compactedBlockRetention(Duration compactedBlockRetention) {
    requireNonNull(compactedBlockRetention, "compactedBlockRetention");
    if (compactedBlockRetention.isNegative()) {
      throw new IllegalArgumentException(
          "compactedBlockRetention: " + compactedBlockRetention + " (expected: >= 0)");
    }
    this.compactedBlockRetention = compactedBlockRetention;
    return this;
  }

  /**
   * How many blocks are marked or deleted at once. If unset, defaults to {@link
   * #DEFAULT_CONCURRENCY}.
   */
  public RetentionBuilder concurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: >= 1)");
    }
    this.concurrency = concurrency;
    return this;
  }

  /** Returns the retention. Does no I/O. */
  public Retention build() {
    return new Retention(this);
  }
}
