package dev.vivace.block.vparquet4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;

/**
 * Rewrites the {@code null_pages} list of every column index so that {@code false} is the byte
 * {@code 0x00}. parquet-java's Thrift compact protocol writes booleans in lists as {@code 0x01}
 * (true) and {@code 0x02} (false); parquet-go, which Tempo reads blocks with, takes any non-zero
 * byte for true, and would see every page as all-null. {@code 0x00} reads as false in both, and the
 * rewrite keeps every length and offset.
 */
final class NullPagesPatch {

  /** Compact protocol field header: field 1 (delta 1), type LIST (9). */
  private static final int NULL_PAGES_FIELD = 0x19;

  /** Compact protocol element type of booleans in a collection. */
  private static final int BOOLEAN_ELEMENTS = 0x01;

  static void apply(Path file, ParquetMetadata footer) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      for (BlockMetaData block : footer.getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          IndexReference ref = column.getColumnIndexReference();
          if (ref != null && ref.getLength() > 0) {
            patch(ch, ref.getOffset(), ref.getLength());
          }
        }
      }
      ch.force(false);
    }
  }

  private static void patch(FileChannel ch, long offset, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, offset + buf.position()) < 0) {
        throw new IOException("column index at " + offset + " runs past the end of the file");
      }
    }
    byte[] b = buf.array();
    int pos = 0;
    if ((b[pos++] & 0xff) != NULL_PAGES_FIELD) {
      throw new IOException("column index at " + offset + " does not start with null_pages");
    }
    int header = b[pos++] & 0xff;
    if ((header & 0x0f) != BOOLEAN_ELEMENTS) {
      throw new IOException("null_pages at " + offset + " is not a list of booleans");
    }
    long size = (long) header >>> 4;
    if (size == 15) {
      size = 0;
      int shift = 0;
      int v;
      do {
        v = b[pos++] & 0xff;
        size |= (long) (v & 0x7f) << shift;
        shift += 7;
      } while ((v & 0x80) != 0);
    }
    boolean changed = false;
    for (long i = 0; i < size; i++, pos++) {
      if (b[pos] == 0x02) {
        b[pos] = 0x00;
        changed = true;
      } else if (b[pos] != 0x01) {
        throw new IOException("null_pages at " + offset + " holds a byte that is no boolean");
      }
    }
    if (changed) {
      ch.write(ByteBuffer.wrap(b, 0, pos), offset);
    }
  }

  private NullPagesPatch() {}
}
