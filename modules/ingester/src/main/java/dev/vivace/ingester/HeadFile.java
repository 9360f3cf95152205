package dev.vivace.ingester;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One head block of one tenant on disk: the traces that went idle, appended as records, with an
 * index in memory from trace ID to the records of that trace (a trace that goes idle more than once
 * has several). Only the index and a few counters stay on the heap.
 *
 * <p>A record is {@code trace ID (16 bytes) | payload length u32 | CRC-32C of the payload u32 |
 * payload}, the payload a serialized {@code TracesData} holding what one push added to the trace.
 * The file is a cache of what the write-ahead log holds until the block is written: it is not
 * forced to disk, and a restart deletes it and replays the log.
 *
 * <p>When the disk refuses a write, a tenant's idle traces go to a head block kept on the heap
 * instead ({@link #inMemory}): the same records in a byte array, cut into a block at once, so that
 * ingest frees the disk by writing blocks rather than stopping.
 *
 * <p>The index is changed under the tenant's lock; reads by position may run concurrently from any
 * thread while the file is referenced ({@link #acquire()}). The last {@link #release()} closes and
 * deletes the file.
 */
final class HeadFile {

  private static final Logger logger = LoggerFactory.getLogger(HeadFile.class);

  static final String SUFFIX = ".head";
  static final int HEADER_BYTES = TraceId.SIZE + 4 + 4;

  /**
   * One record of one trace: where it is, which push added its spans, and the bytes those spans
   * take encoded as {@code ResourceSpans} (as memory and lookups count them).
   */
  record Fragment(long offset, int payloadLength, long push, long spanBytes) {
    long recordBytes() {
      return HEADER_BYTES + (long) payloadLength;
    }
  }

  private final UUID blockId;
  private final @Nullable Path path;
  private final Records records;
  private final Map<TraceId, List<Fragment>> index = new HashMap<>();
  private long end;
  private long bytes;
  private long spanBytes;
  private long minSegment = Long.MAX_VALUE;
  private int refs = 1;

  private HeadFile(UUID blockId, @Nullable Path path, Records records) {
    this.blockId = blockId;
    this.path = path;
    this.records = records;
  }

  /** Creates an empty head file named after {@code blockId} in {@code dir}. */
  static HeadFile create(Path dir, UUID blockId) {
    Path path = dir.resolve(blockId + SUFFIX);
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              path,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      return new HeadFile(blockId, path, new FileRecords(channel, path));
    } catch (IOException e) {
      throw new StorageException("creating head block file " + path + " failed", e);
    }
  }

  /** Creates an empty head block held on the heap, for when the disk refuses writes. */
  static HeadFile inMemory(UUID blockId) {
    return new HeadFile(blockId, null, new HeapRecords());
  }

  UUID blockId() {
    return blockId;
  }

  /** The file, or null for a head block on the heap. */
  @Nullable Path path() {
    return path;
  }

  boolean onHeap() {
    return path == null;
  }

  /**
   * Appends what the given pushes added to trace {@code id}, one record each, in one write: either
   * every record is indexed, or (on an I/O error) none is and the file's end does not move.
   */
  synchronized void append(TraceId id, List<TenantTraces.Added> parts, long fromSegment) {
    List<byte[]> payloads = new ArrayList<>(parts.size());
    int total = 0;
    for (TenantTraces.Added part : parts) {
      byte[] payload =
          TracesData.newBuilder().addAllResourceSpans(part.fragments()).build().toByteArray();
      payloads.add(payload);
      total = Math.addExact(total, HEADER_BYTES + payload.length);
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    byte[] idBytes = id.toByteArray();
    for (byte[] payload : payloads) {
      CRC32C crc = new CRC32C();
      crc.update(payload);
      buf.put(idBytes).putInt(payload.length).putInt((int) crc.getValue()).put(payload);
    }
    buf.flip();
    long at = end;
    try {
      records.write(buf, at);
    } catch (IOException e) {
      throw new StorageException("appending to head block file " + path + " failed", e);
    }
    List<Fragment> fragments = index.computeIfAbsent(id, k -> new ArrayList<>(parts.size()));
    long offset = at;
    for (int i = 0; i < parts.size(); i++) {
      int length = payloads.get(i).length;
      TenantTraces.Added part = parts.get(i);
      Fragment f = new Fragment(offset, length, part.push(), part.bytes());
      fragments.add(f);
      offset += f.recordBytes();
      spanBytes += part.bytes();
    }
    end = offset;
    bytes += total;
    minSegment = Math.min(minSegment, fromSegment);
  }

  /**
   * Forgets the record of trace {@code id} that push {@code push} added; its bytes stay in the file
   * but no longer count.
   *
   * @return true if there was one
   */
  synchronized boolean remove(TraceId id, long push) {
    List<Fragment> fragments = index.get(id);
    if (fragments == null) {
      return false;
    }
    for (Iterator<Fragment> it = fragments.iterator(); it.hasNext(); ) {
      Fragment f = it.next();
      if (f.push() == push) {
        it.remove();
        bytes -= f.recordBytes();
        spanBytes -= f.spanBytes();
        if (fragments.isEmpty()) {
          index.remove(id);
        }
        return true;
      }
    }
    return false;
  }

  /** The records of trace {@code id}, oldest first; empty if it has none. A copy. */
  synchronized List<Fragment> fragments(TraceId id) {
    List<Fragment> fragments = index.get(id);
    return fragments == null ? List.of() : List.copyOf(fragments);
  }

  /** Every trace ID with a record here, sorted. A copy. */
  synchronized List<TraceId> sortedIds() {
    List<TraceId> ids = new ArrayList<>(index.keySet());
    ids.sort(null);
    return ids;
  }

  /** The IDs and records of every trace here. A copy of the index (not of the records). */
  synchronized Map<TraceId, List<Fragment>> indexCopy() {
    Map<TraceId, List<Fragment>> copy = new HashMap<>(index.size() * 2);
    index.forEach((id, fragments) -> copy.put(id, List.copyOf(fragments)));
    return copy;
  }

  synchronized int traceCount() {
    return index.size();
  }

  synchronized boolean isEmpty() {
    return index.isEmpty();
  }

  /** The bytes on disk of the records still indexed (headers included). */
  synchronized long bytes() {
    return bytes;
  }

  /** The bytes of the indexed records' spans encoded as {@code ResourceSpans}. */
  synchronized long spanBytes() {
    return spanBytes;
  }

  /** The lowest write-ahead log segment any record came from; {@code Long.MAX_VALUE} if none. */
  synchronized long minSegment() {
    return index.isEmpty() ? Long.MAX_VALUE : minSegment;
  }

  /** Reads the fragments of trace {@code id}, oldest record first. */
  List<ResourceSpans> read(TraceId id) {
    return read(id, fragments(id));
  }

  /** Reads the given records of trace {@code id}, in order, concatenated. */
  List<ResourceSpans> read(TraceId id, List<Fragment> fragments) {
    List<ResourceSpans> out = new ArrayList<>();
    for (Fragment f : fragments) {
      out.addAll(read(id, f));
    }
    return out;
  }

  private List<ResourceSpans> read(TraceId id, Fragment f) {
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(f.recordBytes()));
    try {
      if (!records.read(buf, f.offset())) {
        throw new StorageException(
            "head block file " + path + " ends inside the record at " + f.offset());
      }
    } catch (IOException e) {
      throw new StorageException("reading head block file " + path + " failed", e);
    }
    buf.flip();
    byte[] idBytes = new byte[TraceId.SIZE];
    buf.get(idBytes);
    int length = buf.getInt();
    int checksum = buf.getInt();
    if (!TraceId.of(idBytes).equals(id) || length != f.payloadLength()) {
      throw new StorageException(
          "head block file " + path + " holds another record at " + f.offset());
    }
    byte[] payload = new byte[length];
    buf.get(payload);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    if ((int) crc.getValue() != checksum) {
      throw new StorageException(
          "head block file " + path + ": the record at " + f.offset() + " fails its checksum");
    }
    try {
      return TracesData.parseFrom(payload).getResourceSpansList();
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException(
          "head block file " + path + ": the record at " + f.offset() + " does not parse", e);
    }
  }

  /**
   * The traces of this file in trace ID order, each read from disk when the iteration reaches it:
   * only one trace is on the heap at a time. Each call iterates anew.
   */
  Iterable<TraceFragments> traces(List<TraceId> sortedIds) {
    requireNonNull(sortedIds, "sortedIds");
    return () ->
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < sortedIds.size();
          }

          @Override
          public TraceFragments next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            TraceId id = sortedIds.get(next++);
            return new TraceFragments(id, read(id));
          }
        };
  }

  /**
   * Takes a reference, so the file stays readable until {@link #release()}.
   *
   * @return false if the file was already deleted
   */
  synchronized boolean acquire() {
    if (refs == 0) {
      return false;
    }
    refs++;
    return true;
  }

  /**
   * Gives back a reference; the last one closes and deletes the file. A file that cannot be deleted
   * is logged and left: the next start deletes it.
   */
  void release() {
    synchronized (this) {
      if (refs == 0 || --refs > 0) {
        return;
      }
    }
    try {
      records.delete();
    } catch (IOException e) {
      logger.warn("Deleting head block file {} failed; the next start deletes it: {}", path, e);
    }
  }

  @Override
  public String toString() {
    return "HeadFile{" + (path == null ? "heap " + blockId : path) + "}";
  }

  /** Where the records are: a file, or the heap. */
  private interface Records {
    /** Writes all of {@code src} at {@code pos}. */
    void write(ByteBuffer src, long pos) throws IOException;

    /** Fills {@code dst} from {@code pos}; false if the records end first. */
    boolean read(ByteBuffer dst, long pos) throws IOException;

    /** Frees the records. */
    void delete() throws IOException;
  }

  private static final class FileRecords implements Records {
    private final FileChannel channel;
    private final Path path;

    FileRecords(FileChannel channel, Path path) {
      this.channel = channel;
      this.path = path;
    }

    @Override
    public void write(ByteBuffer src, long pos) throws IOException {
      long at = pos;
      while (src.hasRemaining()) {
        at += channel.write(src, at);
      }
    }

    @Override
    public boolean read(ByteBuffer dst, long pos) throws IOException {
      long at = pos;
      while (dst.hasRemaining()) {
        int n = channel.read(dst, at);
        if (n < 0) {
          return false;
        }
        at += n;
      }
      return true;
    }

    @Override
    public void delete() throws IOException {
      channel.close();
      Files.deleteIfExists(path);
    }
  }

  /** Records in one growing array; appends only, as the head block writes them. */
  private static final class HeapRecords implements Records {
    private byte[] data = new byte[0];
    private int size;

    @Override
    public synchronized void write(ByteBuffer src, long pos) {
      int at = Math.toIntExact(pos);
      int end = Math.addExact(at, src.remaining());
      if (end > data.length) {
        data = Arrays.copyOf(data, Math.max(end, (int) Math.min(Integer.MAX_VALUE - 8, 2L * end)));
      }
      src.get(data, at, src.remaining());
      size = Math.max(size, end);
    }

    @Override
    public synchronized boolean read(ByteBuffer dst, long pos) {
      if (pos + dst.remaining() > size) {
        return false;
      }
      dst.put(data, (int) pos, dst.remaining());
      return true;
    }

    @Override
    public synchronized void delete() {
      data = new byte[0];
      size = 0;
    }
  }
}
