package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.query.TimeRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The blocks each tenant has, as last polled from the object store plus the blocks this process
 * wrote since. Thread-safe; readers see a block as soon as {@link #add} returns.
 */
public final class Blocklist {

  private final Map<String, Map<UUID, BlockMeta>> tenants = new ConcurrentHashMap<>();

  /** Adds a block that was just written (its meta.json is in the store). */
  public void add(BlockMeta meta) {
    requireNonNull(meta, "meta");
    tenants
        .computeIfAbsent(meta.tenantId(), t -> new ConcurrentHashMap<>())
        .put(meta.blockId(), meta);
  }

  /**
   * Replaces what is known of {@code tenant} with a poll's result: {@code live} blocks are added,
   * blocks no longer listed are removed, except the blocks in {@code keep}: those added after the
   * poll started, which its listing may not show yet.
   */
  void replace(String tenant, Collection<BlockMeta> live, Set<UUID> keep) {
    Map<UUID, BlockMeta> current = tenants.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    Map<UUID, BlockMeta> next = new ConcurrentHashMap<>();
    for (BlockMeta meta : live) {
      next.put(meta.blockId(), meta);
    }
    for (UUID id : keep) {
      BlockMeta meta = current.get(id);
      if (meta != null) {
        next.putIfAbsent(id, meta);
      }
    }
    tenants.put(tenant, next);
  }

  /** Returns the IDs of the tenant's blocks known now. */
  Set<UUID> blockIds(String tenant) {
    Map<UUID, BlockMeta> blocks = tenants.get(tenant);
    return blocks == null ? Set.of() : Set.copyOf(blocks.keySet());
  }

  /** Returns the meta of a known block, or null. */
  @Nullable BlockMeta get(String tenant, UUID blockId) {
    Map<UUID, BlockMeta> blocks = tenants.get(tenant);
    return blocks == null ? null : blocks.get(blockId);
  }

  /** Returns the tenant's blocks whose time range overlaps {@code range}. */
  public List<BlockMeta> candidates(String tenant, TimeRange range) {
    Map<UUID, BlockMeta> blocks = tenants.get(tenant);
    if (blocks == null) {
      return List.of();
    }
    List<BlockMeta> out = new ArrayList<>();
    for (BlockMeta meta : blocks.values()) {
      if (range.overlaps(meta.startTime().getEpochSecond(), meta.endTime().getEpochSecond())) {
        out.add(meta);
      }
    }
    return out;
  }

  /** Returns the number of blocks known for {@code tenant}. */
  public int size(String tenant) {
    Map<UUID, BlockMeta> blocks = tenants.get(tenant);
    return blocks == null ? 0 : blocks.size();
  }

  /** Returns the tenants that have blocks. */
  public Set<String> tenants() {
    return Set.copyOf(tenants.keySet());
  }
}
