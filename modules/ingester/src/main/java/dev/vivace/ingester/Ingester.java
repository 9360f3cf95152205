package dev.vivace.ingester;

import dev.vivace.ingest.BlockSink;
import dev.vivace.ingest.IngestLog;
import dev.vivace.ingest.LogPosition;
import dev.vivace.ingest.PushResult;
import dev.vivace.ingest.TraceSink;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.storage.CapacityException;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable ingest pipeline: spans the limits accept are stored in the live store and appended to
 * the ingest log, and the client is answered only once the log has them on disk; idle traces move
 * to head block files on disk, which are cut into blocks and flushed to the object store, retried
 * with backoff until they are durable; then the log releases what it no longer needs. On start the
 * log is replayed.
 */
public final class Ingester implements TraceSink, TraceFinder, AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(Ingester.class);

  /** Returns a builder over the given parts. */
  public static IngesterBuilder builder(LiveTraceStore store, IngestLog log, BlockSink blocks) {
    return new IngesterBuilder(store, log, blocks);
  }

  private final LiveTraceStore store;
  private final IngestLog log;
  private final BlockSink blocks;
  private final Duration flushCheckPeriod;
  private final Duration appendTimeout;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final long maxHeldBytes;
  private final FlushScheduler scheduler;
  private final LiveTraceSearcher searcher;
  private final AtomicInteger pendingBlocks = new AtomicInteger();
  private final AtomicLong flushedBlocks = new AtomicLong();
  private final AtomicLong failedFlushes = new AtomicLong();
  private final Object flushDone = new Object();
  private volatile boolean started;

  Ingester(IngesterBuilder b) {
    this.store = b.store;
    this.log = b.log;
    this.blocks = b.blocks;
    this.flushCheckPeriod = b.flushCheckPeriod;
    this.appendTimeout = b.appendTimeout;
    this.minBackoff = b.minBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxHeldBytes = b.maxHeldBytes;
    FlushScheduler given = b.scheduler;
    this.scheduler = given != null ? given : new ExecutorFlushScheduler(b.concurrentFlushes);
    this.searcher = new LiveTraceSearcher(store);
  }

  /**
   * Deletes the head block files a previous process left, replays the ingest log into the live
   * store (rebuilding them), then starts cutting and flushing.
   *
   * @return the number of records replayed
   */
  public long start() {
    long started = System.nanoTime();
    // Head block files are a cache of the log: replay writes them anew.
    store.deleteLeftHeadFiles();
    AtomicLong cutWhileReplaying = new AtomicLong();
    long records =
        log.replay(
            (position, tenant, batches) -> {
              store.restore(tenant, batches, position.segment());
              // A log larger than the memory budget is replayed in parts: when half the budget is
              // held, everything restored so far moves to the head block files, and head blocks
              // that reached max_block_bytes are written while replay reads on.
              if (store.heldBytes() > maxHeldBytes / 2) {
                store.cutAllLiveTraces();
                for (HeadBlock block : store.cutBlocks(false)) {
                  flush(block, 0);
                  cutWhileReplaying.incrementAndGet();
                }
              }
            });
    if (records > 0) {
      logger.info(
          "Replayed {} write-ahead log records in {} ms ({} blocks cut while replaying)",
          records,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          cutWhileReplaying.get());
    }
    this.started = true;
    // Flushes during replay released nothing: the log's head was past records not yet read.
    releaseLog();
    // cutAndFlush catches what it can, so the schedule never ends by itself; close() stops it.
    scheduler.scheduleWithFixedDelay(this::cutAndFlush, flushCheckPeriod);
    return records;
  }

  @Override
  public PushResult push(String tenant, List<ResourceSpans> batches) {
    long held = store.heldBytes();
    if (held > maxHeldBytes) {
      throw new CapacityException(
          "the ingester holds "
              + held
              + " bytes of spans not yet in"
              + " blocks (limit "
              + maxHeldBytes
              + "); blocks are being flushed, retry later");
    }
    long segment = log.head().segment();
    PushReceipt receipt = store.accept(tenant, batches, segment);
    if (receipt.isEmpty()) {
      return receipt.result();
    }
    try {
      log.append(tenant, receipt.addedBatches())
          .get(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      store.rollback(receipt);
      throw new StorageException("interrupted while writing the write-ahead log", e);
    } catch (ExecutionException | TimeoutException e) {
      store.rollback(receipt);
      Throwable failure = e instanceof ExecutionException ? e.getCause() : null;
      Throwable cause = failure != null ? failure : e;
      throw new StorageException("spans could not be made durable: " + describe(cause), cause);
    }
    return receipt.result();
  }

  private static String describe(Throwable t) {
    return t instanceof TimeoutException
        ? "the write-ahead log did not answer in time"
        : String.valueOf(t.getMessage());
  }

  @Override
  public TraceLookup find(String tenant, TraceId traceId, TimeRange range) {
    return store.find(tenant, traceId, range);
  }

  /**
   * Searches the traces not yet in stored blocks (live traces, head blocks, blocks being written):
   * register it as a {@code TraceSearcher} and a {@code TagSearcher} before the tier of stored
   * blocks.
   */
  public LiveTraceSearcher searcher() {
    return searcher;
  }

  private void cutAndFlush() {
    try {
      store.cutIdleTraces();
      // Memory holds only live traces: when they take half the budget, move them all to the head
      // block files now instead of waiting for them to go idle.
      if (store.heldBytes() > maxHeldBytes / 2) {
        store.cutAllLiveTraces();
      }
      for (HeadBlock block : store.cutBlocks(false)) {
        flush(block, 0);
      }
    } catch (RuntimeException | LinkageError e) {
      // Keep the loop alive: a periodic task that throws is never run again.
      logger.warn("Cutting blocks failed; trying again at the next check", e);
    }
  }

  /**
   * Cuts every trace held into blocks and waits until all blocks are flushed, or until {@code
   * timeout} passes.
   *
   * @return true if everything was flushed in time
   */
  public boolean flushAll(Duration timeout) {
    cutAndFlushEverything();
    try {
      return scheduler.await(flushDone, () -> pendingBlocks.get() == 0, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Cuts every trace held into blocks and queues their writes.
   *
   * @return how many blocks were cut
   */
  private int cutAndFlushEverything() {
    List<HeadBlock> cut = store.cutBlocks(true);
    for (HeadBlock block : cut) {
      flush(block, 0);
    }
    return cut.size();
  }

  private void flush(HeadBlock block, int attempt) {
    if (attempt == 0) {
      pendingBlocks.incrementAndGet();
    }
    Runnable task =
        () -> {
          try {
            blocks.write(block.tenant(), block.blockId(), block.traces());
          } catch (RuntimeException | LinkageError e) {
            failedFlushes.incrementAndGet();
            Duration delay = backoff(attempt);
            logger.warn(
                "Flushing block {}/{} ({} traces) failed, attempt {}; retrying in {} ms;"
                    + " its spans stay in the head block file and in the write-ahead log: {}",
                block.tenant(),
                block.blockId(),
                block.traceCount(),
                attempt + 1,
                delay.toMillis(),
                e.toString());
            flush(block, attempt + 1);
            return;
          }
          store.flushed(block);
          flushedBlocks.incrementAndGet();
          logger.info(
              "Flushed block {}/{} ({} traces, {} bytes in the head block file)",
              block.tenant(),
              block.blockId(),
              block.traceCount(),
              block.bytes());
          releaseLog();
          if (pendingBlocks.decrementAndGet() == 0) {
            synchronized (flushDone) {
              flushDone.notifyAll();
            }
          }
        };
    if (attempt == 0) {
      scheduler.execute(task);
    } else {
      // The task handles its own failures (by scheduling the next attempt).
      scheduler.schedule(task, backoff(attempt - 1));
    }
  }

  private Duration backoff(int attempt) {
    long millis = minBackoff.toMillis() << Math.min(attempt, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  /**
   * Releases the log records no held trace needs. The head is read before the store is asked: a
   * push accepted after that question appends after that head, so it is never released.
   */
  private void releaseLog() {
    if (!started) {
      // During replay the head is past records not yet restored: releasing up to it loses them.
      return;
    }
    LogPosition head = log.head();
    long lowest = store.lowestWalSegment();
    log.release(lowest == Long.MAX_VALUE ? head : new LogPosition(lowest, 0));
  }

  /** Returns the number of blocks flushed since start. */
  public long flushedBlocks() {
    return flushedBlocks.get();
  }

  /** Returns the number of failed flush attempts since start. */
  public long failedFlushes() {
    return failedFlushes.get();
  }

  /** Returns the number of blocks waiting to be written. */
  public int pendingBlocks() {
    return pendingBlocks.get();
  }

  /**
   * Stops cutting and flushing and closes the log. Traces not flushed stay in the log, and the next
   * start replays them.
   */
  @Override
  public void close() {
    scheduler.close();
    log.close();
  }

  @Override
  public String toString() {
    return "Ingester{log=" + log + ", started=" + started + "}";
  }
}
