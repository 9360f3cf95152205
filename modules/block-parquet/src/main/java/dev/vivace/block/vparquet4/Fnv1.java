package dev.vivace.block.vparquet4;

/** FNV-1 (multiply, then XOR; not FNV-1a), 32-bit, as Tempo uses for bloom shard selection. */
final class Fnv1 {

  private static final int OFFSET_BASIS = 0x811C9DC5;
  private static final int PRIME = 0x01000193;

  static int hash32(byte[] data) {
    int h = OFFSET_BASIS;
    for (byte b : data) {
      h *= PRIME;
      h ^= b & 0xff;
    }
    return h;
  }

  private Fnv1() {}
}
