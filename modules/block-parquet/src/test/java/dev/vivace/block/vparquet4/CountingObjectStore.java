package dev.vivace.block.vparquet4;

import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;

/** Records the reads made through it, to check which objects and ranges a lookup fetches. */
final class CountingObjectStore extends ForwardingObjectStore {

  final List<String> reads = new ArrayList<>();
  long bytes;

  CountingObjectStore(ObjectStore delegate) {
    super(delegate);
  }

  @Override
  public byte[] get(String key) {
    byte[] b = super.get(key);
    reads.add("get " + key.substring(key.lastIndexOf('/') + 1));
    bytes += b.length;
    return b;
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    byte[] b = super.getRange(key, offset, length);
    reads.add("range " + key.substring(key.lastIndexOf('/') + 1) + " " + offset + "+" + length);
    bytes += b.length;
    return b;
  }
}
