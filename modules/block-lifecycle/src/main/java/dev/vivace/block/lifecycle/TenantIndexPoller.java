package dev.vivace.block.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.CompactedBlockMeta;
import dev.vivace.block.TenantIndex;
import dev.vivace.block.TenantIndexStore;
import dev.vivace.block.list.Blocklist;
import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every tenant's blocks as Tempo's poller does, with the tenant index. A poller that {@link
 * TenantIndexPollerBuilder#buildsIndex builds the index} lists the store, reads each new block's
 * meta and writes each tenant's index ({@code index.pb.zst}, then {@code index.json.gz}; both are
 * deleted when the tenant has no blocks left). A poller that does not finds the tenants by listing
 * one level and reads each tenant's index instead of listing its blocks; when an index is missing,
 * unreadable or older than the stale limit, it lists that tenant itself if fallback is on, and
 * otherwise keeps what it knew of the tenant and notes the failure in the blocklist.
 *
 * <p>Compacted blocks are left out of the blocklist; {@link #lastPoll()} keeps them, with their
 * compacted time, for {@link Retention#run(Map)}. Runs are meant to be sequential (one schedule).
 */
public final class TenantIndexPoller {

  private static final Logger logger = LoggerFactory.getLogger(TenantIndexPoller.class);

  /**
   * Returns a builder of a poller of {@code store} that keeps {@code blocklist} up to date.
   *
   * @param store the bucket the blocks are in
   * @param blocklist where the blocks found go; blocks added to it while a poll runs are kept
   */
  public static TenantIndexPollerBuilder builder(ObjectStore store, Blocklist blocklist) {
    return new TenantIndexPollerBuilder(
        requireNonNull(store, "store"), requireNonNull(blocklist, "blocklist"));
  }

  private final ObjectStore store;
  private final Blocklist blocklist;
  private final Clock clock;
  private final boolean buildsIndex;
  private final Duration staleTenantIndex;
  private final boolean fallback;
  private final BucketListing listing;
  private volatile Map<String, TenantIndex> lastPoll = Map.of();

  TenantIndexPoller(TenantIndexPollerBuilder b) {
    this.store = b.store;
    this.blocklist = b.blocklist;
    this.clock = b.clock;
    this.buildsIndex = b.buildsIndex;
    this.staleTenantIndex = b.staleTenantIndex;
    this.fallback = b.fallback;
    this.listing = new BucketListing(store, clock);
  }

  /**
   * Polls once and updates the blocklist. When the store cannot be listed, the blocklist is left as
   * it was and notes the failure, so that lookups say their answer may be incomplete.
   *
   * @return the number of live blocks known after the poll, over all tenants
   * @throws RuntimeException what listing the store threw
   */
  public int poll() {
    long mark = blocklist.mark();
    Set<String> tenants = new HashSet<>(blocklist.tenants());
    Map<String, String> failures = new TreeMap<>();
    Map<String, TenantIndex> found;
    try {
      found = buildsIndex ? listAndWrite() : readIndexes(failures);
    } catch (RuntimeException e) {
      blocklist.listingFailed(e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
    if (failures.isEmpty()) {
      blocklist.listed();
    } else {
      List<String> reasons = new ArrayList<>();
      failures.forEach((tenant, reason) -> reasons.add("tenant " + tenant + ": " + reason));
      blocklist.listingFailed(String.join("; ", reasons));
    }
    // A known tenant that was not found has no blocks left, unless it could not be read.
    tenants.addAll(found.keySet());
    tenants.removeAll(failures.keySet());
    for (String tenant : tenants) {
      TenantIndex index = found.get(tenant);
      if (index != null) {
        blocklist.replace(tenant, index.metas(), compactedIds(index), mark);
      } else {
        blocklist.replace(tenant, List.of(), Set.of(), mark);
      }
    }
    lastPoll = Map.copyOf(found);
    int total = 0;
    for (String tenant : blocklist.tenants()) {
      total += blocklist.size(tenant);
    }
    return total;
  }

  /**
   * Returns each tenant's blocks, live and compacted, as the last poll found them; tenants whose
   * index could not be read are missing. Empty before the first poll.
   */
  public Map<String, TenantIndex> lastPoll() {
    return lastPoll;
  }

  private Map<String, TenantIndex> listAndWrite() {
    Map<String, TenantIndex> listed = listing.list();
    for (Map.Entry<String, TenantIndex> e : listed.entrySet()) {
      String tenant = e.getKey();
      TenantIndex index = e.getValue();
      try {
        if (index.metas().isEmpty() && index.compacted().isEmpty()) {
          store.delete(tenant + "/" + TenantIndex.PROTO_OBJECT);
          store.delete(tenant + "/" + TenantIndex.JSON_OBJECT);
        } else {
          TenantIndexStore.write(store, tenant, index);
        }
      } catch (RuntimeException ex) {
        // Readers of the index fall back to listing or keep the older index: not fatal here.
        logger.warn("Cannot write the tenant index of {}: {}", tenant, ex.toString());
      }
    }
    return listed;
  }

  private Map<String, TenantIndex> readIndexes(Map<String, String> failures) {
    Map<String, TenantIndex> out = new TreeMap<>();
    for (String tenant : store.listChildren("")) {
      TenantIndex index = null;
      String problem;
      try {
        index = TenantIndexStore.read(store, tenant);
        problem = index == null ? "no tenant index" : staleness(index);
      } catch (RuntimeException e) {
        problem = e.getMessage();
      }
      if (problem == null && index != null) {
        out.put(tenant, index);
        continue;
      }
      if (!fallback) {
        failures.put(tenant, String.valueOf(problem));
        continue;
      }
      logger.info("Listing the blocks of tenant {}: {}", tenant, problem);
      try {
        out.put(tenant, listing.listTenant(tenant));
      } catch (RuntimeException e) {
        failures.put(tenant, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    return out;
  }

  private @Nullable String staleness(TenantIndex index) {
    if (staleTenantIndex.isZero()) {
      return null;
    }
    Instant limit = clock.instant().minus(staleTenantIndex);
    return index.createdAt().isBefore(limit)
        ? "tenant index created at " + index.createdAt() + " is stale"
        : null;
  }

  private static Set<UUID> compactedIds(TenantIndex index) {
    Set<UUID> ids = new HashSet<>();
    for (CompactedBlockMeta c : index.compacted()) {
      ids.add(c.meta().blockId());
    }
    for (BlockMeta m : index.metas()) {
      ids.remove(m.blockId());
    }
    return ids;
  }
}
