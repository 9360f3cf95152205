package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A block's {@code meta.json}, field for field as Tempo's {@code BlockMeta}. Unsigned Go fields are
 * held in wider or equal Java types and checked to be non-negative.
 *
 * @param version the block format, e.g. {@code vParquet4} (JSON key {@code format})
 * @param size exact byte length of the data file (omitted from JSON when 0)
 * @param totalObjects number of traces
 * @param totalRecords number of Parquet row groups
 * @param bloomShards number of {@code bloom-i} objects (0 means the legacy 10)
 * @param footerSize Parquet footer length (0 means unknown)
 * @param replicationFactor 0 for classic RF3 blocks (omitted from JSON), 1 for RF1 blocks
 */
public record BlockMeta(
    String version,
    UUID blockId,
    String tenantId,
    Instant startTime,
    Instant endTime,
    long totalObjects,
    long size,
    int compactionLevel,
    BlockEncoding encoding,
    int indexPageSize,
    int totalRecords,
    String dataEncoding,
    int bloomShards,
    int footerSize,
    List<DedicatedColumn> dedicatedColumns,
    int replicationFactor) {

  /** Go's zero {@code time.Time}, which Tempo writes for unset times. */
  public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /** Validates and copies. */
  public BlockMeta {
    requireNonNull(version, "version");
    requireNonNull(blockId, "blockId");
    requireNonNull(tenantId, "tenantId");
    requireNonNull(startTime, "startTime");
    requireNonNull(endTime, "endTime");
    requireNonNull(encoding, "encoding");
    requireNonNull(dataEncoding, "dataEncoding");
    dedicatedColumns = List.copyOf(requireNonNull(dedicatedColumns, "dedicatedColumns"));
    checkNonNegative("size", size);
    checkNonNegative("compactionLevel", compactionLevel);
    checkNonNegative("indexPageSize", indexPageSize);
    checkNonNegative("totalRecords", totalRecords);
    checkNonNegative("bloomShards", bloomShards);
    checkNonNegative("footerSize", footerSize);
    checkNonNegative("replicationFactor", replicationFactor);
  }

  private static void checkNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
  }

  /** Returns a meta for a new block as Tempo writes it: level 0, encoding none, no index pages. */
  public static BlockMeta newBlock(
      String version,
      UUID blockId,
      String tenantId,
      Instant startTime,
      Instant endTime,
      long totalObjects,
      long size,
      int totalRecords,
      int bloomShards,
      int footerSize,
      List<DedicatedColumn> dedicatedColumns) {
    return new BlockMeta(
        version,
        blockId,
        tenantId,
        startTime,
        endTime,
        totalObjects,
        size,
        0,
        BlockEncoding.NONE,
        0,
        totalRecords,
        "",
        bloomShards,
        footerSize,
        dedicatedColumns,
        0);
  }
}
