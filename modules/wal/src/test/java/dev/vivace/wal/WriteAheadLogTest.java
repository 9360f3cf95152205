package dev.vivace.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.vivace.ingest.LogPosition;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteAheadLogTest {

  @TempDir Path dir;

  static List<ResourceSpans> batch(int n) {
    return batch(n, "span-" + n);
  }

  /** One span of trace {@code n} named {@code name}. */
  static List<ResourceSpans> batch(int n, String name) {
    byte[] trace = new byte[16];
    trace[15] = (byte) n;
    return List.of(
        ResourceSpans.newBuilder()
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .addSpans(
                        Span.newBuilder()
                            .setTraceId(ByteString.copyFrom(trace))
                            .setSpanId(
                                ByteString.copyFrom(
                                    new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) (n + 1)}))
                            .setName(name)))
            .build());
  }

  record Replayed(LogPosition position, String tenant, String name) {}

  List<Replayed> replay(WriteAheadLog log) {
    List<Replayed> out = new ArrayList<>();
    log.replay(
        (pos, tenant, batches) ->
            out.add(
                new Replayed(pos, tenant, batches.get(0).getScopeSpans(0).getSpans(0).getName())));
    return out;
  }

  @Test
  void appendsAreReplayedInOrderAfterARestart() {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    LogPosition a = log.append("t1", batch(1)).join();
    LogPosition b = log.append("t2", batch(2)).join();
    log.close();
    assertThat(b).isGreaterThan(a);

    List<Replayed> replayed = replay(WriteAheadLog.builder(dir).build());
    assertThat(replayed)
        .containsExactly(new Replayed(a, "t1", "span-1"), new Replayed(b, "t2", "span-2"));
  }

  @Test
  void concurrentAppendsShareFsyncs() throws Exception {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<CompletableFuture<LogPosition>> all = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      int n = i;
      all.add(
          CompletableFuture.supplyAsync(() -> log.append("t", batch(n % 200)), pool)
              .thenCompose(f -> f));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
    pool.shutdown();
    log.close();
    assertThat(all.stream().map(CompletableFuture::join).distinct()).hasSize(2000);
    assertThat(log.fsyncCount()).isLessThan(2000).isPositive();
    assertThat(replay(WriteAheadLog.builder(dir).build())).hasSize(2000);
  }

  @Test
  void headDoesNotWaitForABatchBeingWritten() throws Exception {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    LogPosition first = log.append("t", batch(1)).join();
    LogPosition afterFirst = log.head();
    assertThat(afterFirst).isGreaterThan(first);

    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      // The writer holds this lock while it writes and forces a batch; head() used to take it too,
      // so every push waited for an fsync it was not part of before it could even append.
      synchronized (log.writeLock) {
        CompletableFuture<LogPosition> head = CompletableFuture.supplyAsync(log::head, pool);
        assertThat(head.get(10, TimeUnit.SECONDS)).isEqualTo(afterFirst);
      }
    } finally {
      pool.shutdown();
    }
    LogPosition second = log.append("t", batch(2)).join();
    assertThat(second).isEqualTo(afterFirst);
    assertThat(log.head()).isGreaterThan(second);
    log.close();
    assertThat(log.head()).isEqualTo(new LogPosition(first.segment() + 1, 0));
  }

  @Test
  void tornTailIsCutAndNewAppendsFollow() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    log.append("t", batch(1)).join();
    log.append("t", batch(2)).join();
    log.close();
    Path segment = Segments.path(dir, 1);
    long size = Files.size(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3); // a crash in the middle of the second record
    }

    WriteAheadLog reopened = WriteAheadLog.builder(dir).build();
    assertThat(replay(reopened)).extracting(Replayed::name).containsExactly("span-1");
    assertThat(Files.size(segment)).isLessThan(size - 3);
    reopened.append("t", batch(3)).join();
    reopened.close();
    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .extracting(Replayed::name)
        .containsExactly("span-1", "span-3");
  }

  @Test
  void corruptRecordInAnOlderSegmentCostsOnlyThatRecord() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    for (int i = 0; i < 60; i++) {
      log.append("t", batch(i)).join();
    }
    log.close();
    assertThat(Segments.list(dir)).hasSizeGreaterThan(2);
    // Flip a payload byte of the first record of segment 1.
    try (FileChannel ch =
        FileChannel.open(
            Segments.path(dir, 1), StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, 8 + 9 + 5);
      b.put(0, (byte) (b.get(0) ^ 0xff)).rewind();
      ch.write(b, 8 + 9 + 5);
    }
    List<Replayed> replayed = replay(WriteAheadLog.builder(dir).build());
    assertThat(replayed).extracting(Replayed::name).doesNotContain("span-0").contains("span-59");
    // Only the damaged record is skipped: the records after it in its segment are whole.
    assertThat(replayed.get(0).name()).isEqualTo("span-1");
    assertThat(replayed).hasSize(59);
  }

  @Test
  void segmentNumbersNeverGoBackAfterEverythingIsReleased() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    LogPosition first = log.append("t", batch(1)).join();
    log.release(log.head());
    assertThat(Segments.list(dir)).as("the released active segment is deleted").isEmpty();

    // What the ingester does: note where the next append lands at the earliest, append, and
    // later release up to that noted position while the appended record is still needed.
    LogPosition promised = log.head();
    assertThat(promised.segment()).isGreaterThan(first.segment());
    LogPosition second = log.append("t", batch(2)).join();
    assertThat(second).isGreaterThanOrEqualTo(promised);
    log.release(promised);
    log.close();

    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .extracting(Replayed::name)
        .containsExactly("span-2");
  }

  @Test
  void releaseKeepsTheSegmentBeingWrittenWhileOthersRoll() throws Exception {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<LogPosition>> appends = new ArrayList<>();
      CompletableFuture<?> releases =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 200; i++) {
                  // Release only what came before the first record still wanted: nothing.
                  log.release(LogPosition.START);
                  log.release(new LogPosition(1, 0));
                }
              },
              pool);
      for (int i = 0; i < 200; i++) {
        appends.add(log.append("t", batch(i)));
      }
      releases.join();
      CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdownNow();
    }
    log.close();
    assertThat(replay(WriteAheadLog.builder(dir).build())).hasSize(200);
  }

  @Test
  void releaseDeletesOlderSegments() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).segmentBytes(1024).build();
    LogPosition last = null;
    for (int i = 0; i < 60; i++) {
      last = log.append("t", batch(i)).join();
    }
    int before = Segments.list(dir).size();
    log.release(last);
    assertThat(Segments.list(dir)).hasSizeLessThan(before).first().isEqualTo(last.segment());
    log.close();
    long kept = last.segment();
    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .allSatisfy(r -> assertThat(r.position().segment()).isGreaterThanOrEqualTo(kept));
  }

  @Test
  void unknownRecordTypesAreSkipped() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    log.append("t", batch(1)).join();
    log.close();
    // Append a record of a future type by hand, then a normal one.
    ByteBuffer unknown =
        ByteBuffer.allocate(9 + 3).putInt(3).putInt(0).put((byte) 42).put(new byte[3]);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(42);
    crc.update(new byte[3]);
    unknown.putInt(4, (int) crc.getValue()).rewind();
    ByteBuffer known = RecordCodec.encode("t", batch(2));
    try (FileChannel ch = FileChannel.open(Segments.path(dir, 1), StandardOpenOption.APPEND)) {
      ch.write(unknown);
      ch.write(known);
    }
    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .extracting(Replayed::name)
        .containsExactly("span-1", "span-2");
  }

  @Test
  void appendsFailAfterCloseAndWhenTheDirectoryIsUnusable() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    log.close();
    assertThatThrownBy(() -> log.append("t", batch(1)).join())
        .hasMessageContaining("write-ahead log is closed");

    Path notADir = Files.writeString(dir.resolve("file"), "x");
    WriteAheadLog broken = WriteAheadLog.builder(notADir.resolve("wal")).build();
    assertThatThrownBy(() -> broken.append("t", batch(1)).join())
        .hasMessageContaining("write-ahead log append failed");
    broken.close();
  }

  /** A log whose segments fail their writes as {@code fault} says. */
  WriteAheadLog faultyLog(FaultyChannel.Fault fault) {
    return new WriteAheadLog(
        dir,
        WriteAheadLogBuilder.DEFAULT_SEGMENT_BYTES,
        true,
        (d, index) -> new FaultyChannel(Segments.create(d, index), fault));
  }

  @ParameterizedTest
  @ValueSource(strings = {"assertion", "stack overflow", "runtime"})
  void theWriterOutlivesAnErrorInABatch(String kind) throws Exception {
    AtomicInteger writes = new AtomicInteger();
    Throwable injected =
        switch (kind) {
          case "assertion" -> new AssertionError("injected");
          case "stack overflow" -> new StackOverflowError("injected");
          default -> new IllegalStateException("injected");
        };
    WriteAheadLog log = faultyLog(() -> writes.incrementAndGet() == 1 ? injected : null);

    assertThatThrownBy(() -> log.append("t", batch(1)).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("injected");
    // The next append is written and acknowledged; it does not wait for a timeout.
    LogPosition second = log.append("t", batch(2)).get(5, TimeUnit.SECONDS);
    log.close();

    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .containsExactly(new Replayed(second, "t", "span-2"));
  }

  @Test
  void theWriterOutlivesInterrupts() throws Exception {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    log.append("t", batch(1)).get(5, TimeUnit.SECONDS);
    Thread writer = log.writerThread();
    assertThat(writer).isNotNull();

    writer.interrupt();
    log.append("t", batch(2)).get(5, TimeUnit.SECONDS);
    writer.interrupt();
    log.append("t", batch(3)).get(5, TimeUnit.SECONDS);
    assertThat(log.writerThread()).isSameAs(writer);
    assertThat(writer.isAlive()).isTrue();
    log.close();

    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .extracting(Replayed::name)
        .containsExactly("span-1", "span-2", "span-3");
  }

  @Test
  void anInterruptThatClosesTheSegmentMidWriteMovesToANewSegment() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    WriteAheadLog log =
        faultyLog(
            () -> {
              if (writes.incrementAndGet() == 2) {
                // What FileChannel does when its thread is interrupted during a write.
                Thread.currentThread().interrupt();
                return new ClosedByInterruptException();
              }
              return null;
            });
    LogPosition first = log.append("t", batch(1)).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> log.append("t", batch(2)).get(5, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(ClosedByInterruptException.class);
    LogPosition third = log.append("t", batch(3)).get(5, TimeUnit.SECONDS);
    log.close();

    assertThat(third.segment()).isGreaterThan(first.segment());
    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .extracting(Replayed::name)
        .containsExactly("span-1", "span-3");
  }

  @Test
  void aFailedDirectoryFsyncFailsTheAppend() {
    WriteAheadLog log =
        new WriteAheadLog(
            dir,
            WriteAheadLogBuilder.DEFAULT_SEGMENT_BYTES,
            true,
            (d, index) ->
                Segments.create(
                    d,
                    index,
                    unused -> {
                      throw new IOException("injected: cannot force the directory");
                    }));

    assertThatThrownBy(() -> log.append("t", batch(1)).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("write-ahead log append failed")
        .hasMessageContaining("cannot force the directory");
    log.close();
  }

  @Test
  void aDamagedRecordInTheMiddleOfTheLastSegmentCostsOnlyThatRecord() throws IOException {
    WriteAheadLog log = WriteAheadLog.builder(dir).build();
    List<LogPosition> positions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      positions.add(log.append("t", batch(i)).join());
    }
    log.close();
    assertThat(Segments.list(dir)).hasSize(1);
    // Flip a payload byte of the fourth record.
    long at = positions.get(3).offset() + 9 + 5;
    try (FileChannel ch =
        FileChannel.open(
            Segments.path(dir, 1), StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0xff)).rewind();
      ch.write(b, at);
    }

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      if (i != 3) {
        expected.add("span-" + i);
      }
    }
    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .extracting(Replayed::name)
        .containsExactlyElementsOf(expected);
    // Nothing was cut: a second replay finds the same records.
    assertThat(replay(WriteAheadLog.builder(dir).build()))
        .extracting(Replayed::name)
        .containsExactlyElementsOf(expected);
  }
}
