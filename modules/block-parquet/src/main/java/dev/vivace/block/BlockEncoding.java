package dev.vivace.block;

import java.util.Locale;

/**
 * The legacy page compression named by {@code meta.json}'s {@code encoding} key; vParquet4 blocks
 * always use {@link #NONE}. Each constant has Tempo's JSON name and protobuf number.
 */
public enum BlockEncoding {
  NONE("none", 0),
  GZIP("gzip", 1),
  LZ4_64K("lz4-64k", 2),
  LZ4_256K("lz4-256k", 3),
  LZ4_1M("lz4-1M", 4),
  LZ4("lz4", 5),
  SNAPPY("snappy", 6),
  ZSTD("zstd", 7),
  S2("s2", 8);

  private final String jsonName;
  private final int number;

  BlockEncoding(String jsonName, int number) {
    this.jsonName = jsonName;
    this.number = number;
  }

  /** Returns the name used in JSON, e.g. {@code lz4-1M}. */
  public String jsonName() {
    return jsonName;
  }

  /** Returns the number used in protobuf (one byte). */
  public int number() {
    return number;
  }

  /**
   * Returns the encoding named {@code name}, ignoring case as Tempo does.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static BlockEncoding ofJsonName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (BlockEncoding e : values()) {
      if (e.jsonName.toLowerCase(Locale.ROOT).equals(lower)) {
        return e;
      }
    }
    throw new IllegalArgumentException("encoding: " + name + " (expected: a Tempo encoding name)");
  }

  /**
   * Returns the encoding numbered {@code number}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static BlockEncoding ofNumber(int number) {
    if (number < 0 || number >= values().length) {
      throw new IllegalArgumentException(
          "encoding: " + number + " (expected: 0.." + (values().length - 1) + ")");
    }
    return values()[number];
  }
}
