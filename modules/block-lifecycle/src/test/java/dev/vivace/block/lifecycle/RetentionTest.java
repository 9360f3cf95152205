package dev.vivace.block.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.CompactedBlockMeta;
import dev.vivace.block.TenantIndex;
import dev.vivace.block.TenantIndexStore;
import dev.vivace.block.list.BlockTraceFinder;
import dev.vivace.block.list.Blocklist;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.query.TimeRange;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.otlp.OtlpRequests;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on a fake clock over the local object store. */
class RetentionTest {

  static final String TENANT = "t";
  static final String OLD_TRACE = "000000000000000000000000000000a1";
  static final String YOUNG_TRACE = "000000000000000000000000000000b2";
  static final Duration RETENTION = Duration.ofHours(336);
  static final Duration COMPACTED_RETENTION = Duration.ofHours(1);

  @TempDir Path bucket;
  ObjectStore store;
  FakeClock clock;
  Blocklist blocklist;
  TenantIndexPoller poller;
  BlockMeta old;
  BlockMeta young;

  @BeforeEach
  void writeBlocks() {
    store = LocalObjectStore.of(bucket);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(store).build();
    old = writer.write(TENANT, UUID.randomUUID(), List.of(trace(OLD_TRACE, start)));
    young =
        writer.write(
            TENANT, UUID.randomUUID(), List.of(trace(YOUNG_TRACE, start.plus(1, ChronoUnit.DAYS))));
    clock = new FakeClock(old.endTime().plus(RETENTION).minusSeconds(1));
    blocklist = new Blocklist();
    poller = TenantIndexPoller.builder(store, blocklist).clock(clock).build();
    poller.poll();
  }

  static BlockTrace trace(String id, Instant at) {
    long nanos = at.getEpochSecond() * 1_000_000_000L;
    Span span =
        OtlpRequests.span(OtlpRequests.traceId(id), OtlpRequests.spanId(1), "span")
            .setStartTimeUnixNano(nanos)
            .setEndTimeUnixNano(nanos + 1_000)
            .build();
    return new BlockTrace(
        TraceId.parse(id), OtlpRequests.request("s", List.of(span)).getResourceSpansList());
  }

  Retention retention() {
    return Retention.builder(store)
        .clock(clock)
        .blockRetention(RETENTION)
        .compactedBlockRetention(COMPACTED_RETENTION)
        .build();
  }

  List<String> objects(BlockMeta meta) {
    return store.list(meta.tenantId() + "/" + meta.blockId() + "/").stream()
        .map(k -> k.substring(k.lastIndexOf('/') + 1))
        .toList();
  }

  boolean found(String traceId) {
    return !new BlockTraceFinder(store, blocklist)
        .find(TENANT, TraceId.parse(traceId), TimeRange.ALL)
        .fragments()
        .isEmpty();
  }

  @Test
  void oldBlocksAreMarkedThenDeletedAfterTheCompactedRetention() {
    Retention retention = retention();
    assertThat(retention.run()).isEqualTo(new Retention.Result(0, 0, 0));
    assertThat(objects(old)).contains(BlockMetaJson.META_OBJECT);

    clock.advance(Duration.ofSeconds(2));
    assertThat(retention.run()).isEqualTo(new Retention.Result(1, 0, 0));
    assertThat(objects(old))
        .contains(BlockMetaJson.COMPACTED_META_OBJECT, "data.parquet", "bloom-0", "index")
        .doesNotContain(BlockMetaJson.META_OBJECT);
    CompactedBlockMeta marked =
        BlockMetaJson.parseCompacted(
            store.get(TENANT + "/" + old.blockId() + "/" + BlockMetaJson.COMPACTED_META_OBJECT));
    assertThat(marked).isEqualTo(new CompactedBlockMeta(old, clock.instant()));
    assertThat(objects(young)).contains(BlockMetaJson.META_OBJECT);

    // The poller stops returning the marked block at once; the young one stays.
    assertThat(found(OLD_TRACE)).isTrue();
    poller.poll();
    assertThat(blocklist.candidates(TENANT, TimeRange.ALL)).containsExactly(young);
    assertThat(found(OLD_TRACE)).isFalse();
    assertThat(found(YOUNG_TRACE)).isTrue();

    clock.advance(COMPACTED_RETENTION);
    assertThat(retention.run()).isEqualTo(new Retention.Result(0, 0, 0));
    assertThat(objects(old)).isNotEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(retention.run()).isEqualTo(new Retention.Result(0, 1, 0));
    assertThat(objects(old)).isEmpty();
    assertThat(objects(young)).contains(BlockMetaJson.META_OBJECT, "data.parquet");
    poller.poll();
    assertThat(blocklist.candidates(TENANT, TimeRange.ALL)).containsExactly(young);
    assertThat(found(OLD_TRACE)).isFalse();
    assertThat(found(YOUNG_TRACE)).isTrue();

    assertThat(retention.run()).isEqualTo(new Retention.Result(0, 0, 0));
  }

  @Test
  void retentionOfAPollNeedsNoListingOfItsOwn() {
    Retention retention = retention();
    clock.advance(Duration.ofSeconds(2));
    poller.poll();
    assertThat(retention.run(poller.lastPoll())).isEqualTo(new Retention.Result(1, 0, 0));
    poller.poll();
    assertThat(poller.lastPoll().get(TENANT).compacted())
        .containsExactly(new CompactedBlockMeta(old, clock.instant()));
    assertThat(TenantIndexStore.read(store, TENANT)).isEqualTo(poller.lastPoll().get(TENANT));

    clock.advance(COMPACTED_RETENTION.plusSeconds(1));
    poller.poll();
    assertThat(retention.run(poller.lastPoll())).isEqualTo(new Retention.Result(0, 1, 0));
    assertThat(objects(old)).isEmpty();
    poller.poll();
    assertThat(TenantIndexStore.read(store, TENANT))
        .isEqualTo(new TenantIndex(clock.instant(), List.of(young), List.of()));
  }

  @Test
  void aTenantsOwnRetentionWins() {
    Retention retention =
        Retention.builder(store)
            .clock(clock)
            .blockRetention(Duration.ofDays(10_000))
            .tenantBlockRetention(t -> t.equals(TENANT) ? Optional.of(RETENTION) : Optional.empty())
            .concurrency(1)
            .build();
    clock.advance(Duration.ofSeconds(2));
    assertThat(retention.run().marked()).isEqualTo(1);
    assertThat(objects(old)).doesNotContain(BlockMetaJson.META_OBJECT);
  }

  @Test
  void aBlockCompactedWithoutATimeIsKeptForTheRetentionFromWhenItWasSeen() {
    // Tempo's meta.compacted.json is a byte copy of meta.json, without compactedTime.
    String dir = TENANT + "/" + old.blockId() + "/";
    store.put(
        dir + BlockMetaJson.COMPACTED_META_OBJECT, store.get(dir + BlockMetaJson.META_OBJECT));
    store.delete(dir + BlockMetaJson.META_OBJECT);
    Retention retention = retention();
    assertThat(retention.run()).isEqualTo(new Retention.Result(0, 0, 0));
    clock.advance(COMPACTED_RETENTION);
    assertThat(retention.run().deleted()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(retention.run().deleted()).isEqualTo(1);
    assertThat(objects(old)).isEmpty();
  }

  @Test
  void anInterruptedDeletionIsFinishedByTheNextRun() {
    clock.advance(Duration.ofSeconds(2));
    Retention retention = retention();
    retention.run();
    String dir = TENANT + "/" + old.blockId() + "/";
    store.delete(dir + "data.parquet"); // as if the previous deletion stopped here
    clock.advance(COMPACTED_RETENTION.plusSeconds(1));
    assertThat(retention.run().deleted()).isEqualTo(1);
    assertThat(objects(old)).isEmpty();
  }

  @Test
  void invalidSettingsAreRefused() {
    RetentionBuilder b = Retention.builder(store);
    assertThatThrownBy(() -> b.blockRetention(Duration.ZERO))
        .hasMessage("blockRetention: PT0S (expected: > 0)");
    assertThatThrownBy(() -> b.compactedBlockRetention(Duration.ofSeconds(-1)))
        .hasMessage("compactedBlockRetention: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> b.concurrency(0)).hasMessage("concurrency: 0 (expected: >= 1)");
  }
}
