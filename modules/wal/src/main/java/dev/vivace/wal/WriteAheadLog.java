package dev.vivace.wal;

import static java.util.Objects.requireNonNull;

import dev.vivace.ingest.IngestLog;
import dev.vivace.ingest.LogPosition;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link IngestLog}: records are appended to the active segment by one writer thread
 * that takes every append waiting, writes them together and forces them to disk once (group
 * commit), so many concurrent requests share one fsync. Segments roll at a size; replay reads them
 * back in order and cuts a torn tail.
 *
 * <p>Call {@link #replay} before the first {@link #append}: appends always go to a new segment
 * after the ones found at start.
 */
public final class WriteAheadLog implements IngestLog {

  private static final Logger logger = LoggerFactory.getLogger(WriteAheadLog.class);
  private static final int MAX_BATCH_RECORDS = 4096;
  private static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;

  /** Returns a builder for a log in {@code directory}. */
  public static WriteAheadLogBuilder builder(Path directory) {
    return new WriteAheadLogBuilder(directory);
  }

  private record Pending(ByteBuffer record, CompletableFuture<LogPosition> done) {}

  private final Path dir;
  private final long segmentBytes;
  private final boolean sync;
  private final Segments.Opener opener;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicLong fsyncs = new AtomicLong();
  private final AtomicLong appendedBytes = new AtomicLong();
  private final Object lifecycle = new Object();

  /**
   * Held while a batch is written (including its fsync), so a release never rolls a segment under a
   * write. Package-private for tests.
   */
  final Object writeLock = new Object();

  private @Nullable Thread writer;
  private volatile @Nullable FileChannel active;
  private volatile long activeIndex;

  /** No append lands before this segment: appends start a new segment after those replayed. */
  private volatile long nextSegmentHint;

  private long activeSize;

  /**
   * What {@link #head()} answers, republished under {@link #writeLock} after every change of the
   * active segment or its size. Reading it takes no lock, so a push never waits for the fsync of a
   * batch it is not part of; a stale value is lower than the true head, which the contract allows.
   */
  private volatile LogPosition head = LogPosition.START;

  private volatile boolean closed;

  WriteAheadLog(Path dir, long segmentBytes, boolean sync, Segments.Opener opener) {
    this.dir = requireNonNull(dir, "dir");
    this.segmentBytes = segmentBytes;
    this.sync = sync;
    this.opener = requireNonNull(opener, "opener");
  }

  @Override
  public CompletableFuture<LogPosition> append(String tenant, List<ResourceSpans> batches) {
    requireNonNull(tenant, "tenant");
    requireNonNull(batches, "batches");
    CompletableFuture<LogPosition> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("write-ahead log is closed"));
      return done;
    }
    ByteBuffer record;
    try {
      record = RecordCodec.encode(tenant, batches);
    } catch (IllegalArgumentException e) {
      done.completeExceptionally(e);
      return done;
    }
    startWriter();
    Pending pending = new Pending(record, done);
    queue.add(pending);
    // close() may have drained the queue between the check above and the add: then nobody would
    // ever answer this append.
    if (closed && queue.remove(pending)) {
      done.completeExceptionally(new IllegalStateException("write-ahead log is closed"));
    }
    return done;
  }

  /**
   * Starts the writer thread, or a new one if the last ended (it should not; this is a backstop).
   */
  private void startWriter() {
    synchronized (lifecycle) {
      Thread current = writer;
      if ((current == null || !current.isAlive()) && !closed) {
        Thread t = new Thread(this::writeLoop, "vivace-wal-writer");
        t.setDaemon(true);
        writer = t;
        t.start();
      }
    }
  }

  /**
   * Takes every waiting append and writes them as one batch, until the log is closed. Nothing ends
   * it early: an interrupt is not a request to stop (closing is), and a batch that fails, even with
   * an {@link Error}, fails only its own appends.
   */
  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed && queue.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        long bytes = first.record.remaining();
        Pending next;
        while (batch.size() < MAX_BATCH_RECORDS
            && bytes < MAX_BATCH_BYTES
            && (next = queue.poll()) != null) {
          batch.add(next);
          bytes += next.record.remaining();
        }
        // A stale interrupt would close the segment's channel in the middle of the write.
        if (Thread.interrupted()) {
          logInterrupt();
        }
        writeBatch(batch);
      } catch (InterruptedException e) {
        logInterrupt();
      } catch (Throwable t) {
        // Whatever escaped writeBatch was not an I/O failure it handled: answer the batch, and
        // write the next one after it into a fresh segment.
        logger.error(
            "Write-ahead log writer failed; {} appends are answered with an error and the log"
                + " goes on in a new segment",
            batch.size(),
            t);
        for (Pending p : batch) {
          p.done.completeExceptionally(
              new IllegalStateException("write-ahead log append failed: " + t, t));
        }
        synchronized (writeLock) {
          closeActive();
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void logInterrupt() {
    if (!closed) {
      logger.warn("Write-ahead log writer was interrupted; it goes on until the log is closed");
    }
  }

  private void writeBatch(List<Pending> batch) {
    synchronized (writeLock) {
      writeBatchLocked(batch);
    }
  }

  private void writeBatchLocked(List<Pending> batch) {
    List<LogPosition> positions = new ArrayList<>(batch.size());
    long sizeBefore = activeSize;
    try {
      FileChannel ch = activeChannel();
      sizeBefore = activeSize;
      long offset = activeSize;
      ByteBuffer[] buffers = new ByteBuffer[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        buffers[i] = batch.get(i).record.duplicate();
        positions.add(new LogPosition(activeIndex, offset));
        offset += buffers[i].remaining();
      }
      long total = offset - activeSize;
      long written = 0;
      while (written < total) {
        written += ch.write(buffers);
      }
      if (sync) {
        ch.force(false);
        fsyncs.incrementAndGet();
      }
      activeSize = offset;
      publishHead();
      appendedBytes.addAndGet(total);
    } catch (IOException | RuntimeException | Error e) {
      recoverFromFailedWrite(sizeBefore, e);
      String message = "write-ahead log append failed in " + dir + ": " + e;
      RuntimeException failure =
          e instanceof IOException io
              ? new UncheckedIOException(message, io)
              : new IllegalStateException(message, e);
      for (Pending p : batch) {
        p.done.completeExceptionally(failure);
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done.complete(positions.get(i));
    }
    if (activeSize >= segmentBytes) {
      rollQuietly();
    }
  }

  /** Cuts a partly written batch off so the segment ends at its last whole record. */
  private void recoverFromFailedWrite(long goodSize, Throwable cause) {
    logger.warn(
        "Write-ahead log append failed in {}; the requests are answered with an error", dir, cause);
    FileChannel ch = active;
    if (ch == null) {
      return;
    }
    try {
      ch.truncate(goodSize);
      ch.position(goodSize);
      activeSize = goodSize;
      publishHead();
    } catch (IOException e) {
      logger.warn(
          "Cannot cut segment {} back to {} bytes; starting a new segment",
          Segments.path(dir, activeIndex),
          goodSize,
          e);
      closeActive();
    }
  }

  private FileChannel activeChannel() throws IOException {
    FileChannel ch = active;
    if (ch == null) {
      Files.createDirectories(dir);
      List<Long> existing = Segments.list(dir);
      // Segment numbers never go backwards: once every segment is released the directory is
      // empty, but head() has already promised nextSegmentHint, and callers keep that position.
      long index =
          Math.max(
              Math.max(1, nextSegmentHint),
              existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1);
      ch = opener.create(dir, index);
      active = ch;
      activeIndex = index;
      activeSize = Segments.MAGIC.length;
      publishHead();
    }
    return ch;
  }

  private void rollQuietly() {
    FileChannel ch = active;
    if (ch == null) {
      return;
    }
    try {
      ch.force(true);
    } catch (IOException e) {
      logger.warn("Cannot force segment {} when rolling it", Segments.path(dir, activeIndex), e);
    }
    closeActive();
  }

  private void closeActive() {
    FileChannel ch = active;
    if (ch != null) {
      nextSegmentHint = activeIndex + 1;
    }
    active = null;
    publishHead();
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        logger.warn("Cannot close segment {}", Segments.path(dir, activeIndex), e);
      }
    }
  }

  @Override
  public long replay(LogConsumer consumer) {
    try {
      if (!Files.isDirectory(dir)) {
        return 0;
      }
      long records = 0;
      List<Long> segments = Segments.list(dir);
      if (!segments.isEmpty()) {
        synchronized (writeLock) {
          nextSegmentHint = segments.get(segments.size() - 1) + 1;
          publishHead();
        }
      }
      for (int i = 0; i < segments.size(); i++) {
        boolean last = i == segments.size() - 1;
        records += SegmentReader.read(dir, segments.get(i), last, consumer);
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replay the write-ahead log in " + dir, e);
    }
  }

  /**
   * Deletes the segments before {@code position}'s segment. When {@code position} is the end of the
   * active segment and nothing was appended since, the active segment is no longer needed either:
   * it is closed and deleted, and the next append starts a new one.
   */
  @Override
  public void release(LogPosition position) {
    long firstKept;
    synchronized (writeLock) {
      if (active != null
          && position.segment() == activeIndex
          && position.offset() >= activeSize
          && activeSize > Segments.MAGIC.length) {
        rollQuietly();
      }
      // A segment opened after this point is numbered at or above nextSegmentHint, so it is never
      // wholly before a position that head() gave out earlier.
      firstKept = active != null ? activeIndex : Long.MAX_VALUE;
    }
    try {
      for (long index : Segments.list(dir)) {
        if (index >= firstKept) {
          break;
        }
        Path file = Segments.path(dir, index);
        boolean whollyBefore =
            index < position.segment()
                || (index == position.segment()
                    && position.offset() > 0
                    && Files.size(file) <= position.offset());
        if (!whollyBefore) {
          break;
        }
        Files.deleteIfExists(Segments.path(dir, index));
        logger.debug("Deleted write-ahead log segment {}", index);
      }
      Segments.syncDirectory(dir);
    } catch (IOException e) {
      // Nothing is lost: the segments stay and are replayed (deduplicated) after a restart.
      logger.warn("Cannot delete released write-ahead log segments in {}", dir, e);
    }
  }

  /**
   * Returns where the next append will land at the earliest: the end of the active segment, or the
   * start of the next segment when none is open.
   */
  @Override
  public LogPosition head() {
    return head;
  }

  /** Recomputes {@link #head}; called with {@link #writeLock} held. */
  private void publishHead() {
    head =
        active == null
            ? new LogPosition(nextSegmentHint, 0)
            : new LogPosition(activeIndex, activeSize);
  }

  /** The writer thread, if one was started. Package-private for tests. */
  @Nullable Thread writerThread() {
    synchronized (lifecycle) {
      return writer;
    }
  }

  /** Returns how many times the log forced data to disk. */
  public long fsyncCount() {
    return fsyncs.get();
  }

  /** Returns how many record bytes were appended since start. */
  public long appendedBytes() {
    return appendedBytes.get();
  }

  /** Writes what is queued, forces it, and stops the writer. Later appends fail. */
  @Override
  public void close() {
    Thread t;
    synchronized (lifecycle) {
      closed = true;
      t = writer;
    }
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Pending p;
    while ((p = queue.poll()) != null) {
      p.done.completeExceptionally(new IllegalStateException("write-ahead log is closed"));
    }
    rollQuietly();
  }

  @Override
  public String toString() {
    return "WriteAheadLog{" + dir + ", sync=" + sync + "}";
  }
}
