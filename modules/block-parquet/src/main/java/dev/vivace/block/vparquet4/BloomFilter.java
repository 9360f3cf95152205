package dev.vivace.block.vparquet4;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * One bloom filter shard, bit-compatible with the filters Tempo writes (willf/bloom v2 hashing and
 * its big-endian serialization: m, k, bitset length, then 64-bit words).
 */
final class BloomFilter {

  private static final int HEADER_BYTES = 24;

  private final long m;
  private final int k;
  private final long bitsetLength;
  private final long[] words;

  BloomFilter(long m, int k) {
    if (m <= 0 || m > Integer.MAX_VALUE * 64L) {
      throw new IllegalArgumentException("m: " + m + " (expected: > 0)");
    }
    if (k <= 0) {
      throw new IllegalArgumentException("k: " + k + " (expected: > 0)");
    }
    this.m = m;
    this.k = k;
    this.bitsetLength = m;
    this.words = new long[(int) ((m + 63) / 64)];
  }

  private BloomFilter(long m, int k, long bitsetLength, long[] words) {
    this.m = m;
    this.k = k;
    this.bitsetLength = bitsetLength;
    this.words = words;
  }

  long bits() {
    return m;
  }

  int hashCount() {
    return k;
  }

  void add(byte[] key) {
    long[] h = hashes(key);
    for (int i = 0; i < k; i++) {
      long bit = Long.remainderUnsigned(location(h, i), m);
      words[(int) (bit >>> 6)] |= 1L << (bit & 63);
    }
  }

  boolean mayContain(byte[] key) {
    long[] h = hashes(key);
    for (int i = 0; i < k; i++) {
      long bit = Long.remainderUnsigned(location(h, i), m);
      if (bit >= bitsetLength || (words[(int) (bit >>> 6)] & (1L << (bit & 63))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the four 64-bit hashes willf/bloom derives from a key. */
  static long[] hashes(byte[] key) {
    long[] a = Murmur3.hash128(key, -1);
    long[] b = Murmur3.hash128(key, 1);
    return new long[] {a[0], a[1], b[0], b[1]};
  }

  static long location(long[] h, int i) {
    return h[i % 2] + i * h[2 + (((i + (i % 2)) % 4) / 2)];
  }

  byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + words.length * 8);
    out.putLong(m).putLong(k).putLong(bitsetLength);
    for (long w : words) {
      out.putLong(w);
    }
    return out.array();
  }

  /**
   * Parses a serialized shard.
   *
   * @throws IllegalArgumentException if the bytes are not a bloom filter
   */
  static BloomFilter parse(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      long m = in.getLong();
      long k = in.getLong();
      long length = in.getLong();
      if (m <= 0 || k <= 0 || k > 64 || length < 0 || (length + 63) / 64 * 8 > bytes.length - 24L) {
        throw new IllegalArgumentException(
            "bloom filter header m="
                + m
                + " k="
                + k
                + " length="
                + length
                + " does not fit "
                + bytes.length
                + " bytes");
      }
      long[] words = new long[(int) ((length + 63) / 64)];
      for (int i = 0; i < words.length; i++) {
        words[i] = in.getLong();
      }
      return new BloomFilter(m, (int) k, length, words);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("bloom filter truncated: " + bytes.length + " bytes", e);
    }
  }
}
