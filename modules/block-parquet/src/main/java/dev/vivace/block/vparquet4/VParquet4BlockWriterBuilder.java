package dev.vivace.block.vparquet4;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.DedicatedColumn;
import dev.vivace.storage.ObjectStore;
import java.nio.file.Path;
import java.util.List;

/** Builds a {@link VParquet4BlockWriter}. Does no I/O. */
public final class VParquet4BlockWriterBuilder {

  /**
   * If unset, the dedicated columns default to Tempo 2.10's defaults after its vParquet4 filter.
   */
  public static final List<DedicatedColumn> DEFAULT_DEDICATED_COLUMNS =
      List.of(
          DedicatedColumn.span("http.request.method"),
          DedicatedColumn.span("url.path"),
          DedicatedColumn.span("url.route"),
          DedicatedColumn.span("server.address"),
          DedicatedColumn.span("http.route"));

  /** If unset, the bloom filter false-positive rate defaults to Tempo's 0.01. */
  public static final double DEFAULT_BLOOM_FALSE_POSITIVE = BloomParams.DEFAULT_FALSE_POSITIVE;

  /** If unset, each bloom shard defaults to Tempo's 100 KiB. */
  public static final int DEFAULT_BLOOM_SHARD_SIZE_BYTES = BloomParams.DEFAULT_SHARD_SIZE_BYTES;

  /** If unset, row groups are cut at about Tempo's 100 MB. */
  public static final long DEFAULT_ROW_GROUP_SIZE_BYTES = 100_000_000L;

  final ObjectStore store;
  List<DedicatedColumn> dedicatedColumns = DEFAULT_DEDICATED_COLUMNS;
  double bloomFalsePositive = DEFAULT_BLOOM_FALSE_POSITIVE;
  int bloomShardSizeBytes = DEFAULT_BLOOM_SHARD_SIZE_BYTES;
  long rowGroupSizeBytes = DEFAULT_ROW_GROUP_SIZE_BYTES;
  Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));

  VParquet4BlockWriterBuilder(ObjectStore store) {
    this.store = requireNonNull(store, "store");
  }

  /**
   * Sets the attributes stored in spare columns. Entries vParquet4 cannot hold are dropped, as
   * Tempo does: with options, scope other than span/resource, type other than string, or naming an
   * attribute that has a well-known column.
   */
  public VParquet4BlockWriterBuilder dedicatedColumns(List<DedicatedColumn> dedicatedColumns) {
    this.dedicatedColumns = List.copyOf(requireNonNull(dedicatedColumns, "dedicatedColumns"));
    return this;
  }

  /** Sets the bloom filter's target false-positive rate, in (0, 1). */
  public VParquet4BlockWriterBuilder bloomFalsePositive(double bloomFalsePositive) {
    if (!(bloomFalsePositive > 0 && bloomFalsePositive < 1)) {
      throw new IllegalArgumentException(
          "bloomFalsePositive: " + bloomFalsePositive + " (expected: in (0, 1))");
    }
    this.bloomFalsePositive = bloomFalsePositive;
    return this;
  }

  /** Sets the size of each bloom shard in bytes. */
  public VParquet4BlockWriterBuilder bloomShardSizeBytes(int bloomShardSizeBytes) {
    if (bloomShardSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "bloomShardSizeBytes: " + bloomShardSizeBytes + " (expected: > 0)");
    }
    this.bloomShardSizeBytes = bloomShardSizeBytes;
    return this;
  }

  /** Sets the buffered size at which a row group is closed. */
  public VParquet4BlockWriterBuilder rowGroupSizeBytes(long rowGroupSizeBytes) {
    if (rowGroupSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "rowGroupSizeBytes: " + rowGroupSizeBytes + " (expected: > 0)");
    }
    this.rowGroupSizeBytes = rowGroupSizeBytes;
    return this;
  }

  /**
   * Sets the directory for the temporary data file. If unset, defaults to {@code java.io.tmpdir}.
   */
  public VParquet4BlockWriterBuilder tempDir(Path tempDir) {
    this.tempDir = requireNonNull(tempDir, "tempDir");
    return this;
  }

  /** Returns the writer. */
  public VParquet4BlockWriter build() {
    return new VParquet4BlockWriter(this);
  }
}
