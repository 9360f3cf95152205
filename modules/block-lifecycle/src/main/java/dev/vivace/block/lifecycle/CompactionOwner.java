package dev.vivace.block.lifecycle;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which process runs a compaction job, as Tempo's compactor ring does: a job is run only by
 * the holder of its lease, and a tenant has at most one job running at a time. {@link #inProcess()}
 * serves one process; an implementation shared by several processes (a lease in the object store,
 * say) plugs in here.
 */
public interface CompactionOwner {

  /** A held job; closing it lets the tenant's next job start. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes the job {@code jobHash} of {@code tenant} (Tempo's job hash: tenant, level and window),
   * or returns empty when another job of the tenant is running or another owner holds it.
   */
  Optional<Lease> tryAcquire(String tenant, String jobHash);

  /** An owner for a single process: every job is its own, one job per tenant at a time. */
  static CompactionOwner inProcess() {
    Set<String> running = ConcurrentHashMap.newKeySet();
    return (tenant, jobHash) ->
        running.add(tenant) ? Optional.of(() -> running.remove(tenant)) : Optional.empty();
  }
}
