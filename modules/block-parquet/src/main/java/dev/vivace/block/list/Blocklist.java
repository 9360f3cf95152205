package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.query.TimeRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

  /** Orders {@link #add} against {@link #replace}; readers take no lock. */
  private final Object writes = new Object();

  /**
   * The {@link #mark()} at which each block was added, until a poll that started later saw it.
   * Guarded by {@link #writes}.
   */
  private final Map<UUID, Long> addedAt = new HashMap<>();

  private long adds;

  private volatile @Nullable String listingFailure;

  /** Adds a block that was just written (its meta.json is in the store). */
  public void add(BlockMeta meta) {
    requireNonNull(meta, "meta");
    synchronized (writes) {
      tenants
          .computeIfAbsent(meta.tenantId(), t -> new ConcurrentHashMap<>())
          .put(meta.blockId(), meta);
      addedAt.put(meta.blockId(), ++adds);
    }
  }

  /**
   * Returns a mark to take before a poll lists the store: {@link #replace} keeps the blocks added
   * after it, which that listing may not show yet.
   */
  public long mark() {
    synchronized (writes) {
      return adds;
    }
  }

  /**
   * Replaces what is known of {@code tenant} with a poll's result: {@code live} blocks are added
   * and blocks no longer listed are removed, except those {@linkplain #add added} after {@code
   * mark} (which the listing may not show yet) that are not in {@code gone} (compacted). Atomic
   * with respect to {@link #add}: a block added while the poll ran is never lost.
   */
  public void replace(String tenant, Collection<BlockMeta> live, Set<UUID> gone, long mark) {
    synchronized (writes) {
      Map<UUID, BlockMeta> current = tenants.getOrDefault(tenant, Map.of());
      Map<UUID, BlockMeta> next = new ConcurrentHashMap<>();
      for (BlockMeta meta : live) {
        next.put(meta.blockId(), meta);
      }
      for (Map.Entry<UUID, BlockMeta> e : current.entrySet()) {
        Long at = addedAt.get(e.getKey());
        if (at == null || at <= mark) {
          // Added before the listing started, so the listing decided: forget the mark.
          addedAt.remove(e.getKey());
        } else if (!gone.contains(e.getKey())) {
          next.putIfAbsent(e.getKey(), e.getValue());
        }
      }
      tenants.put(tenant, next);
    }
  }

  /** Records that a poll could not list the store: blocks written elsewhere may be missing. */
  public void listingFailed(String reason) {
    listingFailure = requireNonNull(reason, "reason");
  }

  /** Records that a poll listed the store. */
  public void listed() {
    listingFailure = null;
  }

  /**
   * Returns why the last poll could not list the store, or null if it could (or none ran yet).
   * While it is set, blocks that other processes wrote since the last good poll are unknown.
   */
  public @Nullable String listingFailure() {
    return listingFailure;
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
