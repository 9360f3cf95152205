package dev.vivace.wal;

import static dev.vivace.wal.WriteAheadLogTest.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.ingest.LogPosition;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Segment rolling, replay order, release, fsyncs and the byte count, on real files. */
class WriteAheadLogSegmentsTest {

  @TempDir Path dir;

  /** A request of one span whose record is {@link #RECORD} bytes, whatever {@code n}. */
  static List<ResourceSpans> sized(int n) {
    return batch(1, String.format("%0400d", n));
  }

  static final int RECORD = RecordCodec.encode("t", sized(0)).remaining();

  List<LogPosition> replayedPositions() {
    List<LogPosition> out = new ArrayList<>();
    WriteAheadLog.builder(dir).build().replay((pos, t, b) -> out.add(pos));
    return out;
  }

  @ParameterizedTest(name = "segmentBytes = header + 3 records {0} byte(s)")
  @ValueSource(ints = {-1, 0, 1})
  void aSegmentRollsAfterTheWriteThatTakesItToSegmentBytes(int offset) throws IOException {
    long threeRecords = Segments.MAGIC.length + 3L * RECORD;
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(threeRecords + offset).build();
    List<LogPosition> positions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      positions.add(log.append("t", sized(i)).join());
    }
    log.close();

    boolean rolled = offset <= 0;
    assertThat(positions.get(2)).isEqualTo(new LogPosition(1, 8 + 2L * RECORD));
    assertThat(positions.get(3))
        .isEqualTo(rolled ? new LogPosition(2, 8) : new LogPosition(1, threeRecords));
    assertThat(Files.size(Segments.path(dir, 1)))
        .isEqualTo(rolled ? threeRecords : 8 + 4L * RECORD);
  }

  @Test
  void replayReadsManySegmentsOldestFirstAtTheirAppendPositions() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    List<LogPosition> appended = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      appended.add(log.append("t", sized(i)).join());
    }
    log.close();
    List<Long> segments = Segments.list(dir);
    assertThat(segments).hasSizeGreaterThan(30);
    assertThat(segments.get(segments.size() - 1)).isEqualTo(segments.size());

    assertThat(replayedPositions()).isEqualTo(appended).isSorted();
    List<String> names = new ArrayList<>();
    WriteAheadLog.builder(dir)
        .build()
        .replay((pos, t, b) -> names.add(b.get(0).getScopeSpans(0).getSpans(0).getName()));
    for (int i = 0; i < 100; i++) {
      assertThat(names.get(i)).isEqualTo(String.format("%0400d", i));
    }
  }

  @Test
  void releaseIsIdempotentAndKeepsTheSegmentOfThePosition() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    List<LogPosition> appended = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      appended.add(log.append("t", sized(i)).join());
    }
    LogPosition keep = appended.get(10);

    log.release(keep);
    List<Long> after = Segments.list(dir);
    log.release(keep);
    log.release(appended.get(3)); // an older position releases nothing more
    log.release(LogPosition.START);

    assertThat(Segments.list(dir)).isEqualTo(after).first().isEqualTo(keep.segment());
    log.close();
    assertThat(replayedPositions()).first().isEqualTo(new LogPosition(keep.segment(), 8));
    assertThat(replayedPositions()).contains(keep).last().isEqualTo(appended.get(19));
  }

  @Test
  void releaseNeverDeletesASegmentHoldingAPositionAtOrAfterAHeadGivenOut() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    for (int i = 0; i < 5; i++) {
      log.append("t", sized(i)).join();
    }
    LogPosition head = log.head();
    List<LogPosition> later = new ArrayList<>();
    for (int i = 5; i < 15; i++) {
      later.add(log.append("t", sized(i)).join());
    }

    log.release(head);
    log.release(head);
    log.close();

    assertThat(later).allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(head));
    assertThat(replayedPositions()).containsAll(later);
  }

  @Test
  void releasingTheHeadOfAnIdleLogDeletesEverySegmentAndAppendsGoOn() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    for (int i = 0; i < 10; i++) {
      log.append("t", sized(i)).join();
    }
    LogPosition head = log.head();

    log.release(head);
    log.release(head);

    assertThat(Segments.list(dir)).isEmpty();
    assertThat(log.head()).isGreaterThanOrEqualTo(head);
    LogPosition next = log.append("t", sized(10)).join();
    assertThat(next).isGreaterThanOrEqualTo(head);
    log.close();
    assertThat(replayedPositions()).containsExactly(next);
  }

  @Test
  void withSyncEveryBatchIsForcedAndWithoutItNone() throws IOException {
    WriteAheadLog synced = WriteAheadLog.builder(dir.resolve("synced")).build();
    WriteAheadLog unsynced = WriteAheadLog.builder(dir.resolve("unsynced")).sync(false).build();
    for (int i = 0; i < 5; i++) {
      synced.append("t", batch(i)).join();
      unsynced.append("t", batch(i)).join();
    }

    assertThat(synced.fsyncCount()).isEqualTo(5);
    assertThat(unsynced.fsyncCount()).isZero();
    unsynced.close();
    synced.close();
    // Unsynced data still reaches the file: it survives a crash of the process.
    List<LogPosition> replayed = new ArrayList<>();
    WriteAheadLog.builder(dir.resolve("unsynced")).build().replay((p, t, b) -> replayed.add(p));
    assertThat(replayed).hasSize(5);
  }

  @Test
  void appendedBytesCountsEveryRecordByteAndNothingElse() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    assertThat(log.appendedBytes()).isZero();
    long expected = 0;
    for (int i = 0; i < 10; i++) {
      log.append("t", sized(i)).join();
      expected += RECORD;
      assertThat(log.appendedBytes()).isEqualTo(expected);
    }
    log.close();
    long onDisk = 0;
    for (long index : Segments.list(dir)) {
      onDisk += Files.size(Segments.path(dir, index)) - Segments.MAGIC.length;
    }
    assertThat(onDisk).isEqualTo(expected);
    // A failed append adds nothing.
    log.append("t", sized(99)).handle((p, e) -> p);
    assertThat(log.appendedBytes()).isEqualTo(expected);
  }
}
