package dev.vivace.wal;

import static dev.vivace.wal.WriteAheadLogTest.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.ingest.LogPosition;
import dev.vivace.testing.logging.LogCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replay of damaged segment files: torn tails, zeroed tails, unknown and empty segments. */
class WalReplayTest {

  @TempDir Path dir;

  /** The span names a fresh log over {@link #dir} replays, in order. */
  List<String> replayedNames() {
    List<String> names = new ArrayList<>();
    WriteAheadLog.builder(dir)
        .build()
        .replay(
            (pos, tenant, batches) ->
                names.add(batches.get(0).getScopeSpans(0).getSpans(0).getName()));
    return names;
  }

  /** Appends spans 0 to n-1 and closes the log; returns their positions. */
  List<LogPosition> write(int n) {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    List<LogPosition> positions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      positions.add(log.append("t", batch(i)).join());
    }
    log.close();
    return positions;
  }

  static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  static void append(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.APPEND);
  }

  static List<String> warnings(LogCapture logs) {
    return logs.lines().stream().filter(l -> l.startsWith("WARN")).toList();
  }

  @ParameterizedTest(name = "{0} bytes of the last record survive")
  @ValueSource(ints = {1, 4, 8, 9, 10, 20})
  void aTornLastRecordIsCutBackToTheRecordBeforeIt(int kept) throws IOException {
    List<LogPosition> positions = write(3);
    Path segment = Segments.path(dir, 1);
    long tornAt = positions.get(2).offset();
    assertThat(Files.size(segment) - tornAt).isGreaterThan(20);
    truncate(segment, tornAt + kept);

    try (LogCapture logs = LogCapture.start()) {
      assertThat(replayedNames()).containsExactly("span-0", "span-1");
      assertThat(warnings(logs))
          .singleElement()
          .asString()
          .contains(kept < RecordCodec.HEADER_BYTES ? "torn record header" : "torn or corrupt")
          .contains("cutting " + kept + " bytes");
    }
    assertThat(Files.size(segment)).isEqualTo(tornAt);
    // The cut is made once: the next replay finds a clean segment.
    try (LogCapture logs = LogCapture.start()) {
      assertThat(replayedNames()).containsExactly("span-0", "span-1");
      assertThat(warnings(logs)).isEmpty();
    }
  }

  @Test
  void aZeroFilledTailIsCutWithOneWarning() throws IOException {
    // After a power loss the file system may keep a file's new length but not its new data.
    write(2);
    Path segment = Segments.path(dir, 1);
    long size = Files.size(segment);
    append(segment, new byte[4096]);

    try (LogCapture logs = LogCapture.start()) {
      assertThat(replayedNames()).containsExactly("span-0", "span-1");
      assertThat(warnings(logs)).singleElement().asString().contains("zero-filled tail");
    }
    assertThat(Files.size(segment)).isEqualTo(size);
  }

  @Test
  void aZeroedRecordFollowedByWholeRecordsCostsOnlyItself() throws IOException {
    List<LogPosition> positions = write(3);
    Path segment = Segments.path(dir, 1);
    long start = positions.get(1).offset();
    int length = (int) (positions.get(2).offset() - start);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      // Zero the damaged record's payload only; its header still says how long it is.
      ch.write(ByteBuffer.allocate(length - RecordCodec.HEADER_BYTES), start + 9);
    }

    assertThat(replayedNames()).containsExactly("span-0", "span-2");
  }

  @Test
  void aSegmentWithAnUnknownHeaderIsSkippedAndTheOthersReplayed() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    int n = 0;
    while (Segments.list(dir).size() < 3) {
      log.append("t", batch(n++)).join();
    }
    log.close();
    List<String> fromOthers = new ArrayList<>();
    WriteAheadLog.builder(dir)
        .build()
        .replay(
            (pos, t, b) -> {
              if (pos.segment() != 1) {
                fromOthers.add(b.get(0).getScopeSpans(0).getSpans(0).getName());
              }
            });
    assertThat(fromOthers).hasSizeLessThan(n).isNotEmpty();
    try (FileChannel ch = FileChannel.open(Segments.path(dir, 1), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'V', 'W', 'A', 'L', 0, 0, 0, 9}), 0);
    }

    try (LogCapture logs = LogCapture.start()) {
      assertThat(replayedNames()).isEqualTo(fromOthers);
      assertThat(warnings(logs)).singleElement().asString().contains("unknown segment header");
    }
  }

  @ParameterizedTest(name = "empty segment is the last: {0}")
  @ValueSource(booleans = {false, true})
  void anEmptySegmentFileIsSkipped(boolean last) throws IOException {
    write(2);
    Path empty = Segments.path(dir, last ? 2 : 0);
    Files.createFile(empty);

    try (LogCapture logs = LogCapture.start()) {
      assertThat(replayedNames()).containsExactly("span-0", "span-1");
      assertThat(warnings(logs)).singleElement().asString().contains("no segment header");
    }
    assertThat(Files.size(empty)).isZero();
    // New appends never go into a segment found at start.
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    log.replay((p, t, b) -> {});
    assertThat(log.append("t", batch(7)).join().segment()).isEqualTo(last ? 3 : 2);
    log.close();
  }

  @Test
  void aSegmentHoldingOnlyItsHeaderReplaysNothingAndWarnsNothing() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    log.append("t", batch(1)).join();
    log.release(log.head()); // deletes segment 1; the next append opens segment 2
    log.close();
    try (FileChannel ch = Segments.create(dir, 5)) {
      assertThat(ch.size()).isEqualTo(Segments.MAGIC.length);
    }

    try (LogCapture logs = LogCapture.start()) {
      assertThat(replayedNames()).isEmpty();
      assertThat(warnings(logs)).isEmpty();
    }
  }

  @Test
  void filesThatAreNotSegmentsAreLeftAlone() throws IOException {
    write(1);
    Path stray = Files.writeString(dir.resolve("notes.txt"), "not a segment");
    Path shortName = Files.write(dir.resolve("1.wal"), new byte[] {1, 2, 3});

    assertThat(replayedNames()).containsExactly("span-0");
    assertThat(Files.readString(stray)).isEqualTo("not a segment");
    assertThat(Files.size(shortName)).isEqualTo(3);
  }
}
