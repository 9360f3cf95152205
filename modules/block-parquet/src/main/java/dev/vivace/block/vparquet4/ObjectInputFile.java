package dev.vivace.block.vparquet4;

import dev.vivace.storage.ObjectStore;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over one object, read with ranged gets. The file's tail (footer and
 * its length) is fetched in one request. Other reads go through a read-ahead window per stream: a
 * small read (a page header, a short page) fetches {@value #READ_AHEAD} bytes at once, so the many
 * small reads of one column chunk cost a few requests rather than one each; a large read fetches
 * exactly what it asks for.
 */
final class ObjectInputFile implements InputFile {

  private final ObjectStore store;
  private final String key;
  private final long length;
  private final long tailStart;
  private final byte[] tail;
  private final long windowEnd;
  private final AtomicLong bytesRead;

  /** Reads smaller than this are served from a window of this size. */
  static final int READ_AHEAD = 1024 * 1024;

  private ObjectInputFile(
      ObjectStore store,
      String key,
      long length,
      byte[] tail,
      long windowEnd,
      AtomicLong bytesRead) {
    this.store = store;
    this.key = key;
    this.length = length;
    this.tailStart = length - tail.length;
    this.tail = tail;
    this.windowEnd = Math.min(windowEnd, tailStart);
    this.bytesRead = bytesRead;
  }

  /**
   * Fetches the last {@code tailLength} bytes of the object, which must be {@code length} long, and
   * returns the file; later reads add their sizes to {@code bytesRead}.
   */
  static ObjectInputFile open(
      ObjectStore store, String key, long length, int tailLength, AtomicLong bytesRead) {
    int n = (int) Math.min(length, tailLength);
    byte[] tail = store.getRange(key, length - n, n);
    bytesRead.addAndGet(n);
    return new ObjectInputFile(store, key, length, tail, length - n, bytesRead);
  }

  /**
   * Returns the file without fetching anything, for a reader that has its footer already:
   * read-ahead windows stop at {@code footerStart}, so that they do not fetch the footer again.
   */
  static ObjectInputFile withoutTail(
      ObjectStore store, String key, long length, long footerStart, AtomicLong bytesRead) {
    return new ObjectInputFile(store, key, length, new byte[0], footerStart, bytesRead);
  }

  /** Returns the tail fetched when opening. */
  byte[] tail() {
    return tail.clone();
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() {
    return new Stream(READ_AHEAD);
  }

  /**
   * Returns a stream for readers that read whole column chunks (or runs of pages) at once, a scan
   * of row groups: those reads fetch exactly what they ask for, so no unprojected column that
   * follows is fetched, while small reads (the page and column indexes, read a struct at a time)
   * fill a window of {@value #SMALL_READ_AHEAD} bytes instead of costing a request each.
   */
  SeekableInputStream newExactStream() {
    return new Stream(SMALL_READ_AHEAD);
  }

  /** The read-ahead of {@link #newExactStream()}'s small reads. */
  static final int SMALL_READ_AHEAD = 16 * 1024;

  /**
   * Returns a stream that fetches exactly {@code length} bytes at {@code start} in one request now
   * and serves reads inside them without fetching more, for reading one known part of the file (a
   * dictionary page) without a read-ahead window's worth of bytes around it.
   */
  SeekableInputStream newStream(long start, int length) throws IOException {
    Stream stream = new Stream(0);
    byte[] part = new byte[length];
    read(start, part, 0, length);
    stream.window = part;
    stream.windowStart = start;
    stream.pos = start;
    return stream;
  }

  private void read(long pos, byte[] dst, int off, int len) throws IOException {
    if (pos < 0 || pos + len > length) {
      throw new EOFException(
          "read of " + len + " bytes at " + pos + " is outside " + key + " (" + length + " bytes)");
    }
    if (pos >= tailStart) {
      System.arraycopy(tail, (int) (pos - tailStart), dst, off, len);
      return;
    }
    byte[] got = store.getRange(key, pos, len);
    bytesRead.addAndGet(len);
    System.arraycopy(got, 0, dst, off, len);
  }

  private final class Stream extends SeekableInputStream {
    private final int readAhead;
    private long pos;
    private byte[] window = new byte[0];
    private long windowStart;

    Stream(int readAhead) {
      this.readAhead = readAhead;
    }

    /** Reads through the window: small reads fill it, large reads bypass it. */
    private void readAt(long at, byte[] dst, int off, int len) throws IOException {
      if (at >= windowStart && at + len <= windowStart + window.length) {
        System.arraycopy(window, (int) (at - windowStart), dst, off, len);
        return;
      }
      if (len >= readAhead || at >= windowEnd || at < 0 || at + len > length) {
        ObjectInputFile.this.read(at, dst, off, len);
        return;
      }
      int size = (int) Math.min(readAhead, windowEnd - at);
      if (size < len) {
        ObjectInputFile.this.read(at, dst, off, len);
        return;
      }
      byte[] fresh = new byte[size];
      ObjectInputFile.this.read(at, fresh, 0, size);
      window = fresh;
      windowStart = at;
      System.arraycopy(window, 0, dst, off, len);
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) {
      pos = newPos;
    }

    @Override
    public int read() throws IOException {
      if (pos >= length) {
        return -1;
      }
      byte[] one = new byte[1];
      readFully(one, 0, 1);
      return one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - pos);
      readFully(b, off, n);
      return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      readAt(pos, bytes, start, len);
      pos += len;
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      if (pos >= length) {
        return -1;
      }
      int n = (int) Math.min(buf.remaining(), length - pos);
      byte[] tmp = new byte[n];
      readFully(tmp, 0, n);
      buf.put(tmp);
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      byte[] tmp = new byte[buf.remaining()];
      readFully(tmp, 0, tmp.length);
      buf.put(tmp);
    }
  }
}
