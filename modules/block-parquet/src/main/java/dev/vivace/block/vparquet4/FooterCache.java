package dev.vivace.block.vparquet4;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Parsed {@code data.parquet} footers of blocks, kept between searches and trace lookups (which may
 * share one cache): a block is immutable, and fetching and parsing a large block's footer (its
 * column and page metadata) costs more than finding the first matching traces. Least recently used
 * footers go first once their estimated size passes the bound. Thread-safe.
 */
public final class FooterCache {

  /** The default bound: 256 MiB of estimated footer memory. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  private final long maxBytes;
  private final ToLongFunction<ParquetMetadata> weigher;
  private final LinkedHashMap<String, ParquetMetadata> footers =
      new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Long> weights = new LinkedHashMap<>();
  private long bytes;

  /** A cache holding footers of an estimated {@code maxBytes} at most. */
  public FooterCache(long maxBytes) {
    this(maxBytes, FooterCache::estimate);
  }

  FooterCache(long maxBytes, ToLongFunction<ParquetMetadata> weigher) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
    }
    this.maxBytes = maxBytes;
    this.weigher = weigher;
  }

  synchronized @Nullable ParquetMetadata get(String key) {
    return footers.get(key);
  }

  synchronized void put(String key, ParquetMetadata footer) {
    long weight = weigher.applyAsLong(footer);
    if (weight > maxBytes || footers.containsKey(key)) {
      return;
    }
    footers.put(key, footer);
    weights.put(key, weight);
    bytes += weight;
    var eldest = footers.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      String k = eldest.next().getKey();
      eldest.remove();
      Long w = weights.remove(k);
      bytes -= w == null ? 0 : w;
    }
  }

  /** Footers held now. */
  public synchronized int size() {
    return footers.size();
  }

  /** A rough size: about 1 KiB of objects per column chunk, the bulk of a footer. */
  static long estimate(ParquetMetadata footer) {
    long chunks = 0;
    for (var block : footer.getBlocks()) {
      chunks += block.getColumns().size();
    }
    return 4096 + chunks * 1024;
  }
}
