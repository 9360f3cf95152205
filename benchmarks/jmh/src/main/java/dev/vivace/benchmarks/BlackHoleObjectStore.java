package dev.vivace.benchmarks;

import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps nothing: counts the bytes written to it, so block writing is measured without a disk. */
final class BlackHoleObjectStore implements ObjectStore {

  final AtomicLong bytes = new AtomicLong();
  final AtomicLong dataBytes = new AtomicLong();

  @Override
  public void put(String key, byte[] b) {
    bytes.addAndGet(b.length);
  }

  @Override
  public void put(String key, InputStream in, long length) {
    try {
      long n = in.transferTo(OutputStreamSink.INSTANCE);
      bytes.addAndGet(n);
      if (key.endsWith("/data.parquet")) {
        dataBytes.addAndGet(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] get(String key) {
    throw new ObjectNotFoundException(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    throw new ObjectNotFoundException(key);
  }

  @Override
  public List<String> list(String prefix) {
    return List.of();
  }

  @Override
  public void delete(String key) {}

  @Override
  public void check() {}

  @Override
  public void close() {}

  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
