package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.TraceSink;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.TraceSplitter;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every tenant's traces until they are in blocks: live traces in memory, which still receive
 * spans and count against the tenant's limits; the head block, traces idle for the trace idle
 * period, appended to a file per tenant under the head block directory with an index in memory; and
 * blocks being written, read from their head block files. Lookups see all three.
 */
public final class LiveTraceStore implements TraceSink, TraceFinder {

  /** Returns a builder with Tempo's defaults. */
  public static LiveTraceStoreBuilder builder() {
    return new LiveTraceStoreBuilder();
  }

  private static final Logger logger = LoggerFactory.getLogger(LiveTraceStore.class);

  private final Clock clock;
  private final Duration traceIdlePeriod;
  private final Duration maxBlockDuration;
  private final long maxBlockBytes;
  private final Function<String, IngestLimits> limits;
  private final Path headDirectory;
  private final Map<String, TenantTraces> tenants = new ConcurrentHashMap<>();
  private final AtomicLong heldBytes = new AtomicLong();
  // Only for logging the change, once each way; races cost at most one line more or less.
  private volatile boolean headFilesFailing;

  LiveTraceStore(
      Clock clock,
      Duration traceIdlePeriod,
      Duration maxBlockDuration,
      long maxBlockBytes,
      Function<String, IngestLimits> limits,
      Path headDirectory) {
    this.clock = requireNonNull(clock, "clock");
    this.traceIdlePeriod = requireNonNull(traceIdlePeriod, "traceIdlePeriod");
    this.maxBlockDuration = requireNonNull(maxBlockDuration, "maxBlockDuration");
    this.maxBlockBytes = maxBlockBytes;
    this.limits = requireNonNull(limits, "limits");
    this.headDirectory = requireNonNull(headDirectory, "headDirectory");
  }

  /** Stores spans without a write-ahead log (nothing to make durable). */
  @Override
  public PushResult push(String tenant, List<ResourceSpans> batches) {
    return accept(tenant, batches, Long.MAX_VALUE).result();
  }

  /**
   * Stores the spans the tenant's limits allow, recording that they will be in log segment {@code
   * walSegment} or later.
   */
  public PushReceipt accept(String tenant, List<ResourceSpans> batches, long walSegment) {
    return push(tenant, batches, walSegment, true);
  }

  /**
   * Stores spans replayed from the write-ahead log: they were accepted once, so no limit applies.
   */
  public void restore(String tenant, List<ResourceSpans> batches, long walSegment) {
    push(tenant, batches, walSegment, false);
  }

  private PushReceipt push(
      String tenant, List<ResourceSpans> batches, long walSegment, boolean enforceLimits) {
    requireNonNull(tenant, "tenant");
    Map<TraceId, List<ResourceSpans>> byTrace = TraceSplitter.split(batches);
    IngestLimits tenantLimits = requireNonNull(limits.apply(tenant), "limits");
    return tenants
        .computeIfAbsent(tenant, this::newTenant)
        .push(byTrace, tenantLimits, clock.millis(), walSegment, enforceLimits);
  }

  private TenantTraces newTenant(String tenant) {
    return new TenantTraces(tenant, headDirectory.resolve(directoryName(tenant)), heldBytes);
  }

  /**
   * The name of a tenant's directory of head block files: the tenant ID with every character but
   * ASCII letters, digits, '-' and '_' written as '%' and two hex digits per UTF-8 byte, so no ID
   * can name a path outside it ("..", "/") or collide with another ID.
   */
  static String directoryName(String tenant) {
    StringBuilder out = new StringBuilder(tenant.length());
    for (byte b : tenant.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_') {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      }
    }
    return out.toString();
  }

  /** Takes back the spans a push added, because they could not be made durable. */
  public void rollback(PushReceipt receipt) {
    TenantTraces traces = tenants.get(receipt.tenant());
    if (traces != null) {
      traces.rollback(receipt);
    }
  }

  @Override
  public TraceLookup find(String tenant, TraceId traceId, TimeRange range) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? TraceLookup.EMPTY : traces.find(traceId);
  }

  /**
   * Every trace {@code tenant} holds, once each, as {@link TenantTraces#snapshot()}; close it when
   * done.
   */
  HeldTrace.Snapshot snapshot(String tenant) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? HeldTrace.Snapshot.EMPTY : traces.snapshot();
  }

  /**
   * Moves every live trace that received no span for the trace idle period to its tenant's head
   * block file.
   *
   * @return how many traces were moved
   */
  public int cutIdleTraces() {
    long now = clock.millis();
    return cutIdle(now - traceIdlePeriod.toMillis(), now);
  }

  /**
   * Moves every live trace, idle or not, to its tenant's head block file, so memory holds none:
   * spans arriving later for those traces start new live traces, merged with these when read.
   *
   * @return how many traces were moved
   */
  public int cutAllLiveTraces() {
    return cutIdle(Long.MAX_VALUE, clock.millis());
  }

  private int cutIdle(long idleBeforeMillis, long now) {
    int cut = 0;
    @Nullable StorageException failure = null;
    for (TenantTraces traces : tenants.values()) {
      int n = traces.cutIdle(idleBeforeMillis, now);
      cut += Math.abs(n);
      if (n < 0 && failure == null) {
        failure = traces.diskFailure();
      }
    }
    if (failure != null && !headFilesFailing) {
      logger.warn(
          "Writing head block files in {} failed; idle traces go to blocks from memory and head"
              + " blocks are cut now, until the disk takes writes again: {}",
          headDirectory,
          failure.getCause() == null ? failure.toString() : failure.getCause().toString());
    } else if (failure == null && headFilesFailing && cut > 0) {
      logger.info("Head block files in {} take writes again", headDirectory);
    }
    if (failure != null || cut > 0) {
      headFilesFailing = failure != null;
    }
    return cut;
  }

  /**
   * Cuts the head block of every tenant whose head block is older than the max block duration or
   * larger than the max block bytes. With {@code everything}, first makes every live trace complete
   * and cuts every non-empty head block, as a flush or a shutdown needs.
   */
  public List<HeadBlock> cutBlocks(boolean everything) {
    return cutBlocks(everything, everything);
  }

  /**
   * Cuts head blocks: those old or large enough, or every non-empty one when {@code allHeads}
   * (memory is short), after first making every live trace complete when {@code allLive}.
   */
  public List<HeadBlock> cutBlocks(boolean allLive, boolean allHeads) {
    long now = clock.millis();
    if (allLive) {
      cutIdle(Long.MAX_VALUE, now);
    }
    List<HeadBlock> blocks = new ArrayList<>();
    for (TenantTraces traces : tenants.values()) {
      blocks.addAll(traces.cutBlock(now, maxBlockDuration.toMillis(), maxBlockBytes, allHeads));
    }
    return blocks;
  }

  /**
   * Forgets a block's traces once the block is durable and visible to queries. Idempotent: a block
   * already forgotten changes nothing.
   */
  public void flushed(HeadBlock block) {
    TenantTraces traces = tenants.get(block.tenant());
    if (traces != null) {
      traces.flushed(block.blockId());
    }
  }

  /**
   * Deletes the head block files a previous process left in the head block directory (and tenant
   * directories left empty), before anything is stored: they are rebuilt by replaying the log,
   * which holds every span they held. Files of this store are kept.
   *
   * @throws StorageException if the directory cannot be read or a file cannot be deleted
   */
  void deleteLeftHeadFiles() {
    if (!Files.isDirectory(headDirectory)) {
      return;
    }
    Set<Path> mine = new HashSet<>();
    for (TenantTraces traces : tenants.values()) {
      mine.addAll(traces.files());
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(headDirectory)) {
      for (Path tenant : dirs) {
        if (!Files.isDirectory(tenant, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (DirectoryStream<Path> files =
            Files.newDirectoryStream(tenant, "*" + HeadFile.SUFFIX)) {
          for (Path f : files) {
            if (!mine.contains(f)) {
              Files.deleteIfExists(f);
            }
          }
        }
        try {
          Files.deleteIfExists(tenant);
        } catch (DirectoryNotEmptyException kept) {
          // Files of this store, or something else that is not ours to delete.
        }
      }
    } catch (IOException e) {
      throw new StorageException(
          "deleting the head block files left in " + headDirectory + " failed", e);
    }
  }

  /**
   * The lowest write-ahead log segment a held trace came from: older segments are no longer needed.
   * {@code Long.MAX_VALUE} when nothing is held.
   */
  public long lowestWalSegment() {
    long min = Long.MAX_VALUE;
    for (TenantTraces traces : tenants.values()) {
      min = Math.min(min, traces.lowestSegment());
    }
    return min;
  }

  /**
   * Returns the bytes of spans held in memory, over all tenants: those of the live traces. Head
   * blocks and blocks being written are on disk ({@link #diskBytes()}).
   */
  public long heldBytes() {
    return heldBytes.get();
  }

  /** Returns the bytes of head blocks and blocks being written in their files, over all tenants. */
  public long diskBytes() {
    long bytes = 0;
    for (TenantTraces traces : tenants.values()) {
      bytes += traces.diskBytes();
    }
    return bytes;
  }

  /** Returns the number of live traces {@code tenant} holds now. */
  public int liveTraces(String tenant) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? 0 : traces.liveCount();
  }

  /** Returns the number of traces in {@code tenant}'s head block (not yet cut). */
  public int headTraces(String tenant) {
    TenantTraces traces = tenants.get(tenant);
    return traces == null ? 0 : traces.headCount();
  }

  @Override
  public String toString() {
    return "LiveTraceStore{tenants="
        + tenants.size()
        + ", headDirectory="
        + headDirectory
        + ", traceIdlePeriod="
        + traceIdlePeriod
        + "}";
  }
}
