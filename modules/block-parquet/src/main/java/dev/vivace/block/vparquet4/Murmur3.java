package dev.vivace.block.vparquet4;

/** MurmurHash3 x64 128-bit with seed 0, written from the public algorithm description. */
final class Murmur3 {

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  /**
   * Returns the two 64-bit halves {@code {h1, h2}} of the hash of {@code data[0..length)}, with
   * {@code extra} appended as one more byte when it is non-negative.
   */
  static long[] hash128(byte[] data, int extra) {
    int length = data.length + (extra >= 0 ? 1 : 0);
    long h1 = 0;
    long h2 = 0;
    int blocks = length / 16;
    for (int i = 0; i < blocks; i++) {
      long k1 = getLong(data, extra, i * 16);
      long k2 = getLong(data, extra, i * 16 + 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = blocks * 16;
    long k1 = 0;
    long k2 = 0;
    for (int i = length - 1; i >= tail; i--) {
      long b = byteAt(data, extra, i) & 0xffL;
      int shift = ((i - tail) % 8) * 8;
      if (i - tail >= 8) {
        k2 |= b << shift;
      } else {
        k1 |= b << shift;
      }
    }
    if (length - tail > 8) {
      h2 ^= mixK2(k2);
    }
    if (length - tail > 0) {
      h1 ^= mixK1(k1);
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  private static byte byteAt(byte[] data, int extra, int i) {
    return i < data.length ? data[i] : (byte) extra;
  }

  private static long getLong(byte[] data, int extra, int offset) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (byteAt(data, extra, offset + i) & 0xffL);
    }
    return v;
  }

  private static long mixK1(long k1) {
    k1 *= C1;
    k1 = Long.rotateLeft(k1, 31);
    return k1 * C2;
  }

  private static long mixK2(long k2) {
    k2 *= C2;
    k2 = Long.rotateLeft(k2, 33);
    return k2 * C1;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private Murmur3() {}
}
