package dev.vivace.wal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vivace.ingest.IngestLog.LogConsumer;
import dev.vivace.ingest.LogPosition;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one segment back; cuts a torn or corrupt tail of the last segment. */
final class SegmentReader {

  private static final Logger logger = LoggerFactory.getLogger(SegmentReader.class);

  /** Returns the number of records handed to {@code consumer}. */
  static long read(Path dir, long index, boolean last, LogConsumer consumer) throws IOException {
    Path file = Segments.path(dir, index);
    long size = Files.size(file);
    long good = 0;
    long records = 0;
    String problem = null;
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = new byte[Segments.MAGIC.length];
      try {
        in.readFully(magic);
      } catch (EOFException e) {
        problem = "no segment header";
      }
      if (problem == null && !Arrays.equals(magic, Segments.MAGIC)) {
        problem = "unknown segment header";
      }
      if (problem == null) {
        good = Segments.MAGIC.length;
        while (good < size) {
          if (size - good < RecordCodec.HEADER_BYTES) {
            problem = "torn record header";
            break;
          }
          int length = in.readInt();
          int crc = in.readInt();
          byte type = in.readByte();
          if (length == 0 && crc == 0 && type == 0 && zerosFrom(file, good, size)) {
            // No record is all zeros: the file grew but its data never reached the disk.
            problem = "zero-filled tail";
            break;
          }
          if (length < 0
              || length > RecordCodec.MAX_PAYLOAD_BYTES
              || length > size - good - RecordCodec.HEADER_BYTES) {
            problem = "torn or corrupt record (length " + length + ")";
            break;
          }
          byte[] payload = new byte[length];
          in.readFully(payload);
          if (!RecordCodec.checksumMatches(type, payload, crc)) {
            if (good + RecordCodec.HEADER_BYTES + length < size) {
              // Whole records follow: this one was damaged on disk, not torn by a crash. Skip
              // only it; cutting here would throw the acknowledged records after it away.
              logger.warn(
                  "Skipping a damaged write-ahead log record (checksum mismatch) at {} in {}:"
                      + " {} bytes",
                  good,
                  file,
                  RecordCodec.HEADER_BYTES + length);
              good += RecordCodec.HEADER_BYTES + length;
              continue;
            }
            problem = "checksum mismatch";
            break;
          }
          LogPosition position = new LogPosition(index, good);
          good += RecordCodec.HEADER_BYTES + length;
          if (type != RecordCodec.TYPE_SPANS) {
            logger.warn(
                "Skipping a write-ahead log record of unknown type {} at {} in {}",
                type,
                position.offset(),
                file);
            continue;
          }
          RecordCodec.Spans spans;
          try {
            spans = RecordCodec.decodeSpans(payload);
          } catch (InvalidProtocolBufferException e) {
            logger.warn(
                "Skipping an unreadable write-ahead log record at {} in {}: {}",
                position.offset(),
                file,
                e.getMessage());
            continue;
          }
          consumer.accept(position, spans.tenant(), spans.batches());
          records++;
        }
      }
    }
    if (problem != null) {
      if (last) {
        logger.warn(
            "Write-ahead log segment {} ends in a {} at offset {}: cutting {} bytes"
                + " (a write that was never acknowledged)",
            file,
            problem,
            good,
            size - good);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(good);
          ch.force(true);
        }
      } else {
        logger.warn(
            "Write-ahead log segment {} is corrupt at offset {} ({}): skipping its last {}"
                + " bytes",
            file,
            good,
            problem,
            size - good);
      }
    }
    return records;
  }

  /** Returns true if every byte of {@code file} from {@code from} to {@code size} is zero. */
  private static boolean zerosFrom(Path file, long from, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long at = from;
      while (at < size) {
        buf.clear();
        int n = ch.read(buf, at);
        if (n < 0) {
          return true;
        }
        for (int i = 0; i < n; i++) {
          if (buf.get(i) != 0) {
            return false;
          }
        }
        at += n;
      }
    }
    return true;
  }

  private SegmentReader() {}
}
