package dev.vivace.block.vparquet4;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockEncoding;
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
import java.util.function.Consumer;
import java.util.function.Function;

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
    List<byte[]> ids = new ArrayList<>();
    return write(
        tenantId,
        blockId,
        traces,
        dedicatedColumns,
        ids::add,
        data -> {
          ShardedBloomFilter bloom =
              new ShardedBloomFilter(
                  BloomParams.forEstimate(ids.size(), bloomFalsePositive, bloomShardSizeBytes));
          ids.forEach(bloom::add);
          return bloom;
        },
        (data, size, bloom) ->
            BlockMeta.newBlock(
                VParquet4BlockReader.VERSION,
                blockId,
                tenantId,
                floorToSecond(data.startTimeUnixNano()),
                floorToSecond(data.endTimeUnixNano()),
                data.traceCount(),
                size,
                data.rowGroupRowCounts().size(),
                bloom.shardCount(),
                data.footerSize(),
                dedicatedColumns));
  }

  /**
   * Writes {@code traces}, the merged traces of the blocks {@code inputs}, as block {@code blockId}
   * of {@code tenantId}, the output of their compaction as Tempo writes it (spec §11): vParquet4,
   * {@code compactionLevel} one above the highest input's, {@code startTime} and {@code endTime}
   * the inputs' earliest and latest, {@code replicationFactor} and {@code dedicatedColumns} (as
   * vParquet4 filters them) of the first input, and the bloom filter sized for the sum of the
   * inputs' {@code totalObjects}. The traces are taken one at a time and none is kept after it is
   * written; {@code meta.json} is written last.
   *
   * <p>Safe to retry with the same arguments, as {@link #write} is.
   *
   * @throws IllegalArgumentException if {@code inputs} or {@code traces} is empty, or the traces
   *     are not sorted by ID or repeat one
   */
  public BlockMeta compact(
      String tenantId, UUID blockId, Iterable<BlockTrace> traces, List<BlockMeta> inputs) {
    requireNonNull(tenantId, "tenantId");
    requireNonNull(blockId, "blockId");
    requireNonNull(traces, "traces");
    requireNonNull(inputs, "inputs");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs: none (expected: at least one block)");
    }
    BlockMeta first = inputs.get(0);
    List<DedicatedColumn> columns = DedicatedColumnFilter.filter(first.dedicatedColumns());
    long objects = 0;
    int level = 0;
    Instant start = first.startTime();
    Instant end = first.endTime();
    for (BlockMeta in : inputs) {
      objects += in.totalObjects();
      level = Math.max(level, in.compactionLevel());
      start = start.isBefore(in.startTime()) ? start : in.startTime();
      end = end.isAfter(in.endTime()) ? end : in.endTime();
    }
    ShardedBloomFilter bloom =
        new ShardedBloomFilter(
            BloomParams.forEstimate(objects, bloomFalsePositive, bloomShardSizeBytes));
    int outputLevel = level + 1;
    Instant startTime = start;
    Instant endTime = end;
    return write(
        tenantId,
        blockId,
        traces,
        columns,
        bloom::add,
        data -> bloom,
        (data, size, b) ->
            new BlockMeta(
                VParquet4BlockReader.VERSION,
                blockId,
                tenantId,
                startTime,
                endTime,
                data.traceCount(),
                size,
                outputLevel,
                BlockEncoding.NONE,
                0,
                data.rowGroupRowCounts().size(),
                "",
                b.shardCount(),
                data.footerSize(),
                columns,
                first.replicationFactor()));
  }

  private interface MetaOf {
    BlockMeta meta(DataFileWriter.Result data, long size, ShardedBloomFilter bloom);
  }

  private BlockMeta write(
      String tenantId,
      UUID blockId,
      Iterable<BlockTrace> traces,
      List<DedicatedColumn> columns,
      Consumer<byte[]> ids,
      Function<DataFileWriter.Result, ShardedBloomFilter> bloomOf,
      MetaOf metaOf) {
    String prefix = tenantId + "/" + blockId + "/";
    Path temp = null;
    try {
      temp = Files.createTempFile(tempDir, "vivace-" + blockId + "-", ".parquet");
      DataFileWriter.Result data =
          DataFileWriter.write(
              temp, traces, DedicatedColumnMapping.of(columns), rowGroupSizeBytes, ids);
      long size = Files.size(temp);
      try (InputStream in = Files.newInputStream(temp)) {
        store.put(prefix + VParquet4Objects.DATA, in, size);
      }
      ShardedBloomFilter bloom = bloomOf.apply(data);
      for (int i = 0; i < bloom.shardCount(); i++) {
        store.put(prefix + ShardedBloomFilter.objectName(i), bloom.shardBytes(i));
      }
      store.put(
          prefix + RowGroupIndex.OBJECT_NAME, new RowGroupIndex(data.rowGroupLastIds()).toJson());
      BlockMeta meta = metaOf.meta(data, size, bloom);
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

  /** Whole seconds, as blocks cut from Tempo's WAL have (spec §2.1). */
  private static Instant floorToSecond(long unixNanos) {
    return Instant.ofEpochSecond(Long.divideUnsigned(unixNanos, 1_000_000_000L));
  }

  static boolean sortedStrictly(byte[] previous, byte[] next) {
    return Arrays.compareUnsigned(previous, next) < 0;
  }
}
