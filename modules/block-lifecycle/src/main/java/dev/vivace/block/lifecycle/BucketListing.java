package dev.vivace.block.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.CompactedBlockMeta;
import dev.vivace.block.MetaKey;
import dev.vivace.block.TenantIndex;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the object store and reads the meta of every block, live ({@code meta.json}) and compacted
 * ({@code meta.compacted.json}), as Tempo's tenant-index builder does. Metas are read once and then
 * remembered, since a block never changes after its meta exists.
 *
 * <p>A compacted block's time is the {@code compactedTime} its meta carries (Vivace writes it); for
 * a meta without one (Tempo's is a byte copy of {@code meta.json} and Tempo takes the object's
 * modification time, which the object store does not expose) it is the time the block was first
 * seen compacted, so such a block is deleted no earlier than Tempo would delete it.
 */
final class BucketListing {

  private static final Logger logger = LoggerFactory.getLogger(BucketListing.class);

  private final ObjectStore store;
  private final Clock clock;

  /** Metas read, by tenant and block, kept while the block is listed. */
  private final Map<String, Map<UUID, BlockMeta>> live = new ConcurrentHashMap<>();

  private final Map<String, Map<UUID, CompactedBlockMeta>> compacted = new ConcurrentHashMap<>();

  BucketListing(ObjectStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Lists the whole store and returns each tenant's blocks as of now, by tenant. A tenant that has
   * tenant index objects but no blocks is returned with none. A block whose meta cannot be read is
   * left out with a warning and tried again next time.
   *
   * @throws RuntimeException what listing the store threw
   */
  Map<String, TenantIndex> list() {
    Map<String, TenantIndex> out = listPrefix("");
    live.keySet().retainAll(out.keySet());
    compacted.keySet().retainAll(out.keySet());
    return out;
  }

  /**
   * Lists one tenant, as {@link #list()} lists them all.
   *
   * @throws RuntimeException what listing the store threw
   */
  TenantIndex listTenant(String tenant) {
    TenantIndex index = listPrefix(tenant + "/").get(tenant);
    return index != null ? index : new TenantIndex(clock.instant(), List.of(), List.of());
  }

  private Map<String, TenantIndex> listPrefix(String prefix) {
    Instant now = clock.instant();
    Map<String, Set<UUID>> liveIds = new TreeMap<>();
    Map<String, Set<UUID>> compactedIds = new TreeMap<>();
    for (String key : store.list(prefix)) {
      String[] parts = key.split("/", -1);
      if (parts.length == 2
          && (parts[1].equals(TenantIndex.PROTO_OBJECT)
              || parts[1].equals(TenantIndex.JSON_OBJECT))) {
        liveIds.computeIfAbsent(parts[0], t -> new HashSet<>());
        continue;
      }
      MetaKey meta = MetaKey.parse(key);
      if (meta != null) {
        (meta.compacted() ? compactedIds : liveIds)
            .computeIfAbsent(meta.tenant(), t -> new HashSet<>())
            .add(meta.blockId());
      }
    }
    Map<String, TenantIndex> out = new TreeMap<>();
    Set<String> tenants = new HashSet<>(liveIds.keySet());
    tenants.addAll(compactedIds.keySet());
    for (String tenant : tenants) {
      Set<UUID> gone = compactedIds.getOrDefault(tenant, Set.of());
      Map<UUID, BlockMeta> knownLive = live.getOrDefault(tenant, Map.of());
      Map<UUID, BlockMeta> nextLive = new ConcurrentHashMap<>();
      for (UUID id : liveIds.getOrDefault(tenant, Set.of())) {
        if (gone.contains(id)) {
          continue; // being marked compacted: the compacted meta decides
        }
        BlockMeta meta = knownLive.get(id);
        if (meta == null) {
          meta = readLive(tenant, id);
        }
        if (meta != null) {
          nextLive.put(id, meta);
        }
      }
      Map<UUID, CompactedBlockMeta> knownCompacted = compacted.getOrDefault(tenant, Map.of());
      Map<UUID, CompactedBlockMeta> nextCompacted = new ConcurrentHashMap<>();
      for (UUID id : gone) {
        CompactedBlockMeta meta = knownCompacted.get(id);
        if (meta == null) {
          meta = readCompacted(tenant, id, now);
        }
        if (meta != null) {
          nextCompacted.put(id, meta);
        }
      }
      live.put(tenant, nextLive);
      compacted.put(tenant, nextCompacted);
      out.put(
          tenant,
          new TenantIndex(
              now,
              sorted(nextLive.values(), BlockMeta::blockId),
              sorted(nextCompacted.values(), c -> c.meta().blockId())));
    }
    return out;
  }

  private static <T> List<T> sorted(Collection<T> items, Function<T, UUID> id) {
    List<T> out = new ArrayList<>(items);
    out.sort(Comparator.comparing(item -> id.apply(item).toString()));
    return out;
  }

  private @Nullable BlockMeta readLive(String tenant, UUID id) {
    String key = tenant + "/" + id + "/" + BlockMetaJson.META_OBJECT;
    try {
      return checked(key, tenant, id, BlockMetaJson.parse(store.get(key)));
    } catch (ObjectNotFoundException e) {
      // Marked compacted since the listing: found as compacted next time.
      return null;
    } catch (RuntimeException e) {
      logger.warn("Skipping block {}: cannot read its meta: {}", key, e.getMessage());
      return null;
    }
  }

  private @Nullable CompactedBlockMeta readCompacted(String tenant, UUID id, Instant now) {
    String key = tenant + "/" + id + "/" + BlockMetaJson.COMPACTED_META_OBJECT;
    try {
      CompactedBlockMeta read = BlockMetaJson.parseCompacted(store.get(key));
      if (checked(key, tenant, id, read.meta()) == null) {
        return null;
      }
      return read.compactedTime().isAfter(Instant.EPOCH)
          ? read
          : new CompactedBlockMeta(read.meta(), now);
    } catch (ObjectNotFoundException e) {
      return null; // deleted since the listing
    } catch (RuntimeException e) {
      logger.warn("Skipping block {}: cannot read its meta: {}", key, e.getMessage());
      return null;
    }
  }

  private static @Nullable BlockMeta checked(String key, String tenant, UUID id, BlockMeta meta) {
    if (!meta.tenantId().equals(tenant) || !meta.blockId().equals(id)) {
      logger.warn(
          "Skipping block {}: its meta names tenant {} and block {}",
          key,
          meta.tenantId(),
          meta.blockId());
      return null;
    }
    return meta;
  }
}
