package dev.vivace.block.lifecycle;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.vparquet4.VParquet4BlockReader;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What compaction needs to know of a tenant's blocks, from one listing of all its objects: the live
 * blocks it can compact, and the leftovers, block directories with neither {@code meta.json} nor
 * {@code meta.compacted.json}, with when each was first seen (the store gives no modification
 * times). Metas are read once and remembered, since a block never changes once its meta exists.
 * Blocks that carry {@code nocompact.flg}, and blocks of formats that cannot be read, are not live
 * for compaction.
 */
final class TenantBlocks {

  private static final Logger logger = LoggerFactory.getLogger(TenantBlocks.class);

  /** Written by Tempo's block-builder while a block must not be compacted (spec §1.2). */
  static final String NO_COMPACT_FLAG = "nocompact.flg";

  /** One listing of a tenant. */
  record Listing(
      List<BlockMeta> live, Map<UUID, List<String>> leftoverObjects, Map<UUID, Instant> seen) {

    Collection<UUID> leftovers() {
      return leftoverObjects.keySet();
    }

    List<String> objects(UUID id) {
      return leftoverObjects.getOrDefault(id, List.of());
    }

    Instant firstSeen(UUID id) {
      return seen.getOrDefault(id, Instant.MAX);
    }
  }

  private final ObjectStore store;
  private final Map<String, Map<UUID, BlockMeta>> metas = new ConcurrentHashMap<>();
  private final Map<String, Map<UUID, Instant>> leftoversSeen = new ConcurrentHashMap<>();

  TenantBlocks(ObjectStore store) {
    this.store = store;
  }

  /** Forgets tenants that are no longer listed. */
  void retainTenants(Collection<String> tenants) {
    metas.keySet().retainAll(tenants);
    leftoversSeen.keySet().retainAll(tenants);
  }

  /** Remembers the meta of a block just written. */
  void remember(BlockMeta meta) {
    metas
        .computeIfAbsent(meta.tenantId(), t -> new ConcurrentHashMap<>())
        .put(meta.blockId(), meta);
  }

  /**
   * Lists {@code tenant}'s objects at {@code now}. A block whose meta cannot be read is left out
   * with a warning and tried again next time.
   *
   * @throws RuntimeException what listing the store threw
   */
  Listing list(String tenant, Instant now) {
    Map<UUID, List<String>> objects = new TreeMap<>();
    for (String key : store.list(tenant + "/")) {
      String[] parts = key.split("/", -1);
      if (parts.length != 3) {
        continue;
      }
      UUID id = uuid(parts[1]);
      if (id != null) {
        objects.computeIfAbsent(id, i -> new ArrayList<>()).add(key);
      }
    }
    Map<UUID, BlockMeta> known = metas.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    Map<UUID, Instant> seen = leftoversSeen.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    known.keySet().retainAll(objects.keySet());
    seen.keySet().retainAll(objects.keySet());
    List<BlockMeta> live = new ArrayList<>();
    Map<UUID, List<String>> leftovers = new TreeMap<>();
    for (Map.Entry<UUID, List<String>> e : objects.entrySet()) {
      UUID id = e.getKey();
      String dir = tenant + "/" + id + "/";
      List<String> keys = e.getValue();
      if (keys.contains(dir + BlockMetaJson.COMPACTED_META_OBJECT)) {
        known.remove(id);
        seen.remove(id);
      } else if (keys.contains(dir + BlockMetaJson.META_OBJECT)) {
        seen.remove(id);
        BlockMeta meta = known.get(id);
        if (meta == null) {
          meta = read(tenant, id);
          if (meta != null) {
            known.put(id, meta);
          }
        }
        if (meta != null
            && !keys.contains(dir + NO_COMPACT_FLAG)
            && VParquet4BlockReader.isReadable(meta.version())) {
          live.add(meta);
        }
      } else {
        seen.putIfAbsent(id, now);
        leftovers.put(id, List.copyOf(keys));
      }
    }
    return new Listing(live, leftovers, Map.copyOf(seen));
  }

  private @Nullable BlockMeta read(String tenant, UUID id) {
    String key = tenant + "/" + id + "/" + BlockMetaJson.META_OBJECT;
    try {
      BlockMeta meta = BlockMetaJson.parse(store.get(key));
      if (meta.tenantId().equals(tenant) && meta.blockId().equals(id)) {
        return meta;
      }
      logger.warn(
          "Not compacting block {}: its meta names tenant {} and block {}",
          key,
          meta.tenantId(),
          meta.blockId());
    } catch (ObjectNotFoundException e) {
      // marked compacted since the listing
    } catch (RuntimeException e) {
      logger.warn("Not compacting block {}: cannot read its meta: {}", key, e.getMessage());
    }
    return null;
  }

  private static @Nullable UUID uuid(String s) {
    try {
      UUID id = UUID.fromString(s);
      return id.toString().equals(s) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
