package dev.vivace.block.vparquet4;

import static java.util.Objects.requireNonNull;

/**
 * A block's bloom filter over 16-byte trace IDs, split into shards stored as objects {@code
 * bloom-0} … {@code bloom-<N-1>}. The shard of an ID is {@code FNV1_32(id) mod N}.
 */
final class ShardedBloomFilter {

  /** The shard count readers assume when a meta says 0 (legacy blocks). */
  static final int LEGACY_SHARD_COUNT = 10;

  private final BloomFilter[] shards;

  ShardedBloomFilter(BloomParams params) {
    requireNonNull(params, "params");
    shards = new BloomFilter[params.shardCount()];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new BloomFilter(params.bitsPerShard(), params.hashCount());
    }
  }

  /** Returns the shard holding {@code traceId} in a filter of {@code shardCount} shards. */
  static int shardOf(byte[] traceId, int shardCount) {
    int n = shardCount == 0 ? LEGACY_SHARD_COUNT : shardCount;
    return Integer.remainderUnsigned(Fnv1.hash32(traceId), n);
  }

  void add(byte[] traceId) {
    shards[shardOf(traceId, shards.length)].add(traceId);
  }

  int shardCount() {
    return shards.length;
  }

  /** Returns the serialized shard {@code i}, the content of object {@code bloom-i}. */
  byte[] shardBytes(int i) {
    return shards[i].toBytes();
  }

  /** Returns the object name of shard {@code i}. */
  static String objectName(int i) {
    return "bloom-" + i;
  }
}
