package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A compacted block's metadata: its {@code meta.compacted.json} plus when it was compacted (taken
 * from the object's last-modified time when read from storage).
 */
public record CompactedBlockMeta(BlockMeta meta, Instant compactedTime) {

  /** Validates. */
  public CompactedBlockMeta {
    requireNonNull(meta, "meta");
    requireNonNull(compactedTime, "compactedTime");
  }
}
