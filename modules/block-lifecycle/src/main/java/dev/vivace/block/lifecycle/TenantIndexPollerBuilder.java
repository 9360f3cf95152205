package dev.vivace.block.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.vivace.block.list.Blocklist;
import dev.vivace.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;

/** Builds a {@link TenantIndexPoller}. */
public final class TenantIndexPollerBuilder {

  final ObjectStore store;
  final Blocklist blocklist;
  Clock clock = Clock.systemUTC();
  boolean buildsIndex = true;
  Duration staleTenantIndex = Duration.ZERO;
  boolean fallback = true;

  TenantIndexPollerBuilder(ObjectStore store, Blocklist blocklist) {
    this.store = store;
    this.blocklist = blocklist;
  }

  /**
   * The clock of the index's {@code created_at} and of staleness. If unset, defaults to {@link
   * Clock#systemUTC()}.
   */
  public TenantIndexPollerBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Whether this poller lists the store and writes the tenant indexes (Tempo's tenant-index
   * builder) or reads the indexes another process writes. If unset, defaults to true.
   */
  public TenantIndexPollerBuilder buildsIndex(boolean buildsIndex) {
    this.buildsIndex = buildsIndex;
    return this;
  }

  /**
   * How old a tenant index may be before a poller that reads it treats it as an error; zero means
   * any age. If unset, defaults to zero.
   */
  public TenantIndexPollerBuilder staleTenantIndex(Duration staleTenantIndex) {
    requireNonNull(staleTenantIndex, "staleTenantIndex");
    if (staleTenantIndex.isNegative()) {
      throw new IllegalArgumentException(
          "staleTenantIndex: " + staleTenantIndex + " (expected: >= 0)");
    }
    this.staleTenantIndex = staleTenantIndex;
    return this;
  }

  /**
   * Whether a poller that reads indexes lists a tenant itself when its index is missing, unreadable
   * or stale. If unset, defaults to true.
   */
  public TenantIndexPollerBuilder fallback(boolean fallback) {
    this.fallback = fallback;
    return this;
  }

  /** Returns the poller. Does no I/O. */
  public TenantIndexPoller build() {
    return new TenantIndexPoller(this);
  }
}
