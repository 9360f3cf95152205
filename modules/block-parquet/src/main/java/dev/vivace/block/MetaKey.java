package dev.vivace.block;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A key that makes a block visible to pollers: {@code <tenant>/<blockID>/meta.json} (live) or
 * {@code <tenant>/<blockID>/meta.compacted.json} (compacted), as Tempo's poller recognizes them.
 */
public record MetaKey(String tenant, UUID blockId, boolean compacted) {

  /** Validates. */
  public MetaKey {
    requireNonNull(tenant, "tenant");
    requireNonNull(blockId, "blockId");
  }

  /**
   * Returns the meta key {@code key} is, or null if it is any other key (another object of a block,
   * a tenant index, a directory name that is not a UUID).
   */
  public static @Nullable MetaKey parse(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length != 3) {
      return null;
    }
    boolean compacted;
    if (parts[2].equals(BlockMetaJson.META_OBJECT)) {
      compacted = false;
    } else if (parts[2].equals(BlockMetaJson.COMPACTED_META_OBJECT)) {
      compacted = true;
    } else {
      return null;
    }
    try {
      return new MetaKey(parts[0], UUID.fromString(parts[1]), compacted);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
