package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.batch;
import static dev.vivace.ingester.TestSpans.span;
import static dev.vivace.ingester.TestSpans.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.storage.StorageException;
import dev.vivace.trace.TraceCombiner;
import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head block file: records appended per trace, the index, reads by ID and in ID order. */
class HeadFileTest {

  @TempDir Path dir;

  long pushes;

  /** What one push of {@code fragments} added. */
  TenantTraces.Added added(List<ResourceSpans> fragments) {
    long bytes = fragments.stream().mapToLong(ResourceSpans::getSerializedSize).sum();
    return new TenantTraces.Added(pushes++, fragments, Set.of(), bytes, false);
  }

  static List<String> names(List<ResourceSpans> fragments) {
    List<String> names = new ArrayList<>();
    fragments.forEach(
        rs ->
            rs.getScopeSpansList()
                .forEach(ss -> ss.getSpansList().forEach(s -> names.add(s.getName()))));
    return names;
  }

  @Test
  void appendedRecordsAreReadBackByIdInTheirOrder() {
    HeadFile file = HeadFile.create(dir.resolve("t"), UUID.randomUUID());
    file.append(trace(1), List.of(added(batch(span(1, 1, "a"))), added(batch(span(1, 2, "b")))), 7);
    file.append(trace(2), List.of(added(batch(span(2, 1, "c")))), 3);
    // The trace went idle a second time: a third record for it.
    file.append(trace(1), List.of(added(batch(span(1, 3, "d")))), 9);

    assertThat(names(file.read(trace(1)))).containsExactly("a", "b", "d");
    assertThat(names(file.read(trace(2)))).containsExactly("c");
    assertThat(file.read(trace(3))).isEmpty();
    assertThat(file.fragments(trace(1))).hasSize(3);
    assertThat(file.traceCount()).isEqualTo(2);
    assertThat(file.minSegment()).isEqualTo(3);
    assertThat(file.path()).hasParent(dir.resolve("t"));
  }

  @Test
  void aRecordIsItsHeaderAndTheSpansAsTracesDataAndTheFileHoldsNothingElse() throws IOException {
    HeadFile file = HeadFile.create(dir, UUID.randomUUID());
    List<ResourceSpans> one = batch(span(1, 1, "x".repeat(300)));
    List<ResourceSpans> two = batch(span(2, 1, "y"), span(2, 2, "z"));
    file.append(trace(1), List.of(added(one)), 1);
    file.append(trace(2), List.of(added(two)), 1);

    long expected =
        2L * HeadFile.HEADER_BYTES
            + TracesData.newBuilder().addAllResourceSpans(one).build().getSerializedSize()
            + TracesData.newBuilder().addAllResourceSpans(two).build().getSerializedSize();
    assertThat(file.bytes()).isEqualTo(expected);
    assertThat(Files.size(file.path())).isEqualTo(expected);
    HeadFile.Fragment second = file.fragments(trace(2)).get(0);
    assertThat(second.offset()).isEqualTo(file.fragments(trace(1)).get(0).recordBytes());
    assertThat(second.spanBytes()).isEqualTo(two.get(0).getSerializedSize());
  }

  @Test
  void theTracesAreStreamedInTraceIdOrderAndEachIterationReadsAnew() {
    HeadFile file = HeadFile.create(dir, UUID.randomUUID());
    for (int i : new int[] {300, 2, 17, 1}) {
      file.append(trace(i), List.of(added(batch(span(i, 1, "s" + i)))), 1);
    }
    file.append(trace(17), List.of(added(batch(span(17, 2, "again")))), 1);

    Iterable<TraceFragments> traces = file.traces(file.sortedIds());
    for (int round = 0; round < 2; round++) {
      assertThat(traces)
          .extracting(TraceFragments::traceId)
          .containsExactly(trace(1), trace(2), trace(17), trace(300));
      assertThat(traces)
          .filteredOn(t -> t.traceId().equals(trace(17)))
          .singleElement()
          .satisfies(t -> assertThat(names(t.batches())).containsExactly("s17", "again"));
    }
  }

  @Test
  void fragmentsOfOneTraceMergeIntoOneCopyOfEachSpan() {
    HeadFile file = HeadFile.create(dir, UUID.randomUUID());
    file.append(trace(1), List.of(added(batch(span(1, 1, "a"), span(1, 2, "b")))), 1);
    // A client resent span 2 after the trace went idle once.
    file.append(trace(1), List.of(added(batch(span(1, 2, "b"), span(1, 3, "c")))), 1);

    TraceFragments read = file.traces(file.sortedIds()).iterator().next();
    assertThat(Traces.spanCount(read.batches())).isEqualTo(4);
    assertThat(names(TraceCombiner.merge(read.batches()))).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void aRemovedRecordIsNoLongerReadNorCounted() {
    HeadFile file = HeadFile.create(dir, UUID.randomUUID());
    TenantTraces.Added kept = added(batch(span(1, 1, "kept")));
    TenantTraces.Added lost = added(batch(span(1, 2, "lost")));
    file.append(trace(1), List.of(kept, lost), 1);
    long both = file.bytes();

    assertThat(file.remove(trace(1), lost.push())).isTrue();
    assertThat(file.remove(trace(1), lost.push())).as("only once").isFalse();
    assertThat(file.remove(trace(2), kept.push())).isFalse();

    assertThat(names(file.read(trace(1)))).containsExactly("kept");
    assertThat(file.bytes())
        .isLessThan(both)
        .isEqualTo(file.fragments(trace(1)).get(0).recordBytes());
    assertThat(file.remove(trace(1), kept.push())).isTrue();
    assertThat(file.isEmpty()).isTrue();
    assertThat(file.bytes()).isZero();
    assertThat(file.minSegment()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aDamagedRecordFailsItsChecksumInsteadOfAnsweringWrongSpans() throws IOException {
    HeadFile file = HeadFile.create(dir, UUID.randomUUID());
    file.append(trace(1), List.of(added(batch(span(1, 1, "intact")))), 1);
    try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'X'}), Files.size(file.path()) - 2);
    }

    assertThatThrownBy(() -> file.read(trace(1)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("fails its checksum");
  }

  @Test
  void theLastReleaseDeletesTheFileAndReadersKeepItUntilThen() {
    HeadFile file = HeadFile.create(dir, UUID.randomUUID());
    file.append(trace(1), List.of(added(batch(span(1, 1, "a")))), 1);
    assertThat(file.acquire()).isTrue();

    file.release(); // the store lets go; a search still holds it
    assertThat(file.path()).exists();
    assertThat(names(file.read(trace(1)))).containsExactly("a");

    file.release();
    assertThat(file.path()).doesNotExist();
    assertThat(file.acquire()).as("a deleted file cannot be held again").isFalse();
  }
}
