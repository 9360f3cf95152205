package dev.vivace.block.list;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.MetaKey;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every tenant's blocks by listing the object store for {@code <tenant>/<block>/meta.json}
 * and {@code meta.compacted.json}, as Tempo's poller does, so blocks written by other processes
 * (another Vivace, or Tempo) become queryable. Blocks with a compacted meta are left out. Metas
 * already known are not read again.
 */
public final class BlockPoller {

  private static final Logger logger = LoggerFactory.getLogger(BlockPoller.class);

  private final ObjectStore store;
  private final Blocklist blocklist;

  public BlockPoller(ObjectStore store, Blocklist blocklist) {
    this.store = requireNonNull(store, "store");
    this.blocklist = requireNonNull(blocklist, "blocklist");
  }

  /**
   * Lists the store once and updates the blocklist. A block whose meta cannot be read is skipped
   * with a warning and tried again next time. When the store cannot be listed, the blocklist is
   * left as it was and notes the failure, so that lookups say their answer may be incomplete.
   *
   * @return the number of blocks known after the poll, over all tenants
   * @throws RuntimeException what listing the store threw
   */
  public int poll() {
    long mark = blocklist.mark();
    Set<String> knownTenants = blocklist.tenants();
    Map<String, Set<UUID>> metas = new HashMap<>();
    Map<String, Set<UUID>> compacted = new HashMap<>();
    List<String> keys;
    try {
      keys = store.list("");
    } catch (RuntimeException e) {
      blocklist.listingFailed(StorageFailures.describe(e));
      throw e;
    }
    blocklist.listed();
    for (String key : keys) {
      MetaKey meta = MetaKey.parse(key);
      if (meta != null) {
        (meta.compacted() ? compacted : metas)
            .computeIfAbsent(meta.tenant(), t -> new HashSet<>())
            .add(meta.blockId());
      }
    }
    Set<String> tenants = new HashSet<>(metas.keySet());
    tenants.addAll(knownTenants);
    int total = 0;
    for (String tenant : tenants) {
      Set<UUID> ids = metas.getOrDefault(tenant, Set.of());
      Set<UUID> gone = compacted.getOrDefault(tenant, Set.of());
      List<BlockMeta> live = new ArrayList<>();
      for (UUID id : ids) {
        if (gone.contains(id)) {
          continue;
        }
        BlockMeta meta = blocklist.get(tenant, id);
        if (meta == null) {
          meta = readMeta(tenant, id);
        }
        if (meta != null) {
          live.add(meta);
        }
      }
      // Blocks added while we listed may be missing from the listing: replace keeps them.
      blocklist.replace(tenant, live, gone, mark);
      total += blocklist.size(tenant);
    }
    return total;
  }

  private @Nullable BlockMeta readMeta(String tenant, UUID id) {
    String key = tenant + "/" + id + "/" + BlockMetaJson.META_OBJECT;
    try {
      BlockMeta meta = BlockMetaJson.parse(store.get(key));
      if (!meta.tenantId().equals(tenant) || !meta.blockId().equals(id)) {
        logger.warn(
            "Skipping block {}: its meta.json names tenant {} and block {}",
            key,
            meta.tenantId(),
            meta.blockId());
        return null;
      }
      return meta;
    } catch (ObjectNotFoundException e) {
      return null; // deleted between listing and reading
    } catch (RuntimeException e) {
      logger.warn("Skipping block {}: cannot read its meta.json: {}", key, e.getMessage());
      return null;
    }
  }
}
