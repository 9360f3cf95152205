package dev.vivace.block.vparquet4;

import org.apache.parquet.io.api.Binary;

/**
 * The UTF-8 {@link Binary} of recently written strings: a direct-mapped cache, so a string that
 * repeats (keys, names, services, routes) is encoded once, and the column writers' dictionaries,
 * handed the same {@code Binary} again, compare it by identity instead of byte by byte. Bounded
 * ({@link #SLOTS} short strings) and cheap on a miss. Not thread-safe: one per file being written.
 */
final class StringBinaries {

  /** Longer strings (URLs with IDs, messages) rarely repeat; they are encoded each time. */
  static final int MAX_CACHED_LENGTH = 128;

  static final int SLOTS = 1 << 13;

  private final int[] hashes = new int[SLOTS];
  private final String[] strings = new String[SLOTS];
  private final Binary[] binaries = new Binary[SLOTS];

  /** Returns the bytes of {@code s} as parquet-java's {@code Binary.fromString} encodes them. */
  Binary of(String s) {
    if (s.length() > MAX_CACHED_LENGTH) {
      return Leaves.string(s);
    }
    int h = s.hashCode();
    int i = (h ^ (h >>> 13)) & (SLOTS - 1);
    if (hashes[i] == h && s.equals(strings[i])) {
      return binaries[i];
    }
    Binary b = Leaves.string(s);
    hashes[i] = h;
    strings[i] = s;
    binaries[i] = b;
    return b;
  }
}
