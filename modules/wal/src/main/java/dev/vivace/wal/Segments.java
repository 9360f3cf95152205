package dev.vivace.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** Segment files: {@code 00000000000000000001.wal}, each starting with an 8-byte header. */
final class Segments {

  static final byte[] MAGIC = {'V', 'W', 'A', 'L', 0, 0, 0, 1};
  private static final Pattern NAME = Pattern.compile("\\d{20}\\.wal");

  static Path path(Path dir, long index) {
    return dir.resolve(String.format("%020d.wal", index));
  }

  static long index(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(0, 20));
  }

  /** Returns the indexes of the segment files in {@code dir}, ascending. */
  static List<Long> list(Path dir) throws IOException {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (NAME.matcher(f.getFileName().toString()).matches()) {
          out.add(index(f));
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Opens a new segment for appends; the log's seam for tests that inject faults. */
  @FunctionalInterface
  interface Opener {
    FileChannel create(Path dir, long index) throws IOException;
  }

  /** Forces a directory's entries to disk. */
  @FunctionalInterface
  interface DirectorySync {
    void sync(Path dir) throws IOException;
  }

  /** Creates a new segment with its header, made durable together with the directory entry. */
  static FileChannel create(Path dir, long index) throws IOException {
    return create(dir, index, Segments::syncDirectory);
  }

  /** {@link #create(Path, long)} with the directory forced by {@code directorySync}. */
  static FileChannel create(Path dir, long index, DirectorySync directorySync) throws IOException {
    FileChannel ch =
        FileChannel.open(path(dir, index), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      ch.write(ByteBuffer.wrap(MAGIC));
      ch.force(true);
      directorySync.sync(dir);
      return ch;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Makes new or removed directory entries durable. A failure is thrown: a segment whose directory
   * entry may not survive a crash must not take appends.
   */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private Segments() {}
}
