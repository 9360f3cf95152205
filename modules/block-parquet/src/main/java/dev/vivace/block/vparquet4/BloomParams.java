package dev.vivace.block.vparquet4;

/**
 * The shape of a block's sharded bloom filter: {@code shardCount} shards of {@code bitsPerShard}
 * bits with {@code hashCount} hash functions each.
 */
record BloomParams(int shardCount, long bitsPerShard, int hashCount) {

  /** Tempo's default false-positive rate ({@code bloom_filter_false_positive}). */
  static final double DEFAULT_FALSE_POSITIVE = 0.01;

  /** Tempo's default shard size in bytes ({@code bloom_filter_shard_size_bytes}). */
  static final int DEFAULT_SHARD_SIZE_BYTES = 100 * 1024;

  /** Tempo's cap on the number of shards. */
  static final int MAX_SHARDS = 1000;

  BloomParams {
    if (shardCount < 1 || shardCount > MAX_SHARDS) {
      throw new IllegalArgumentException(
          "shardCount: " + shardCount + " (expected: 1.." + MAX_SHARDS + ")");
    }
    if (bitsPerShard < 1) {
      throw new IllegalArgumentException("bitsPerShard: " + bitsPerShard + " (expected: > 0)");
    }
    if (hashCount < 1) {
      throw new IllegalArgumentException("hashCount: " + hashCount + " (expected: > 0)");
    }
  }

  /**
   * Sizes the filter as Tempo does for {@code estimatedTraces} traces, a target {@code
   * falsePositive} rate and {@code shardSizeBytes} bytes of bits per shard: the optimal total size
   * and hash count are computed for the whole block, then split into fixed-size shards.
   */
  static BloomParams forEstimate(long estimatedTraces, double falsePositive, int shardSizeBytes) {
    if (estimatedTraces < 1) {
      throw new IllegalArgumentException(
          "estimatedTraces: " + estimatedTraces + " (expected: >= 1)");
    }
    if (!(falsePositive > 0 && falsePositive < 1)) {
      throw new IllegalArgumentException(
          "falsePositive: " + falsePositive + " (expected: in (0, 1))");
    }
    if (shardSizeBytes < 1) {
      throw new IllegalArgumentException("shardSizeBytes: " + shardSizeBytes + " (expected: > 0)");
    }
    double n = estimatedTraces;
    double ln2 = Math.log(2);
    double mEst = Math.ceil(-1.0 * n * Math.log(falsePositive) / (ln2 * ln2));
    int k = (int) Math.ceil(ln2 * mEst / n);
    long bitsPerShard = shardSizeBytes * 8L;
    long shards = (long) Math.ceil(mEst / bitsPerShard);
    int shardCount = (int) Math.max(1, Math.min(MAX_SHARDS, shards));
    return new BloomParams(shardCount, bitsPerShard, k);
  }

  /** {@link #forEstimate} with Tempo's default rate and shard size. */
  static BloomParams forEstimate(long estimatedTraces) {
    return forEstimate(estimatedTraces, DEFAULT_FALSE_POSITIVE, DEFAULT_SHARD_SIZE_BYTES);
  }
}
