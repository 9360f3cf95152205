package dev.vivace.block.vparquet4;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.DedicatedColumn;
import dev.vivace.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Writes complete traces, sorted by trace ID, as one vParquet4 block in Tempo's object order (spec
 * §1.3): {@code data.parquet}, {@code bloom-0…N-1}, {@code index}, and {@code meta.json} last,
 * whose presence makes the block visible.
 *
 * <p>Thread-safe: each {@link #write} call uses its own temp file. Does no I/O until then.
 */
public final class VParquet4BlockWriter {

  private final ObjectStore store;
  private final List<DedicatedColumn> dedicatedColumns;
  private final double bloomFalsePositive;
  private final int bloomShardSizeBytes;
  private final long rowGroupSizeBytes;
  private final Path tempDir;

  VParquet4BlockWriter(VParquet4BlockWriterBuilder b) {
    this.store = b.store;
    this.dedicatedColumns = DedicatedColumnFilter.filter(b.dedicatedColumns);
    this.bloomFalsePositive = b.bloomFalsePositive;
    this.bloomShardSizeBytes = b.bloomShardSizeBytes;
    this.rowGroupSizeBytes = b.rowGroupSizeBytes;
    this.tempDir = b.tempDir;
  }

  /** Returns a builder writing to {@code store}. */
  public static VParquet4BlockWriterBuilder builder(ObjectStore store) {
    return new VParquet4BlockWriterBuilder(store);
  }

  /**
   * Writes {@code traces} as block {@code blockId} of {@code tenantId} and returns its meta.
   *
   * <p>Not idempotent in effect but safe to retry with the same arguments: a retry rewrites the
   * same objects, and {@code meta.json} is written only after everything else succeeded.
   *
   * @throws IllegalArgumentException if {@code traces} is empty, not sorted by ID, or repeats one
   */
  public BlockMeta write(String tenantId, UUID blockId, Iterable<BlockTrace> traces) {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(blockId, "blockId");
    requireNonNull(traces, "traces");
    String prefix = tenantId + "/" + blockId + "/";
    Path temp = null;
    try {
      temp = Files.createTempFile(tempDir, "vivace-" + blockId + "-", ".parquet");
      DataFileWriter.Result data =
          DataFileWriter.write(
              temp, traces, DedicatedColumnMapping.of(dedicatedColumns), rowGroupSizeBytes);
      long size = Files.size(temp);
      try (InputStream in = Files.newInputStream(temp)) {
        store.put(prefix + VParquet4Objects.DATA, in, size);
      }
      BloomParams params =
          BloomParams.forEstimate(data.traceIds().size(), bloomFalsePositive, bloomShardSizeBytes);
      ShardedBloomFilter bloom = new ShardedBloomFilter(params);
      data.traceIds().forEach(bloom::add);
      for (int i = 0; i < bloom.shardCount(); i++) {
        store.put(prefix + ShardedBloomFilter.objectName(i), bloom.shardBytes(i));
      }
      store.put(prefix + RowGroupIndex.OBJECT_NAME, lastIds(data).toJson());
      BlockMeta meta =
          BlockMeta.newBlock(
              VParquet4BlockReader.VERSION,
              blockId,
              tenantId,
              floorToSecond(data.startTimeUnixNano()),
              floorToSecond(data.endTimeUnixNano()),
              data.traceIds().size(),
              size,
              data.rowGroupRowCounts().size(),
              bloom.shardCount(),
              data.footerSize(),
              dedicatedColumns);
      store.put(prefix + VParquet4Objects.META, BlockMetaJson.toJson(meta));
      return meta;
    } catch (IOException e) {
      throw new UncheckedIOException("writing block " + prefix + " failed", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  private static RowGroupIndex lastIds(DataFileWriter.Result data) {
    List<byte[]> last = new ArrayList<>();
    long row = 0;
    for (long count : data.rowGroupRowCounts()) {
      row += count;
      last.add(data.traceIds().get((int) row - 1));
    }
    return new RowGroupIndex(last);
  }

  /** Whole seconds, as blocks cut from Tempo's WAL have (spec §2.1). */
  private static Instant floorToSecond(long unixNanos) {
    return Instant.ofEpochSecond(Long.divideUnsigned(unixNanos, 1_000_000_000L));
  }

  static boolean sortedStrictly(byte[] previous, byte[] next) {
    return Arrays.compareUnsigned(previous, next) < 0;
  }
}
