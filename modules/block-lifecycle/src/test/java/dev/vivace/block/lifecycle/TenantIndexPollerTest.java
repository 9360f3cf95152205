package dev.vivace.block.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.block.CompactedBlockMeta;
import dev.vivace.block.TenantIndex;
import dev.vivace.block.TenantIndexJson;
import dev.vivace.block.TenantIndexProto;
import dev.vivace.block.TenantIndexStore;
import dev.vivace.block.list.Blocklist;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.query.TimeRange;
import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling with Tempo's tenant index: writing it, and reading it instead of listing. */
class TenantIndexPollerTest {

  static final String TENANT = "t";

  @TempDir Path bucket;
  ObjectStore local;
  CountingStore counting;
  final FakeClock clock = new FakeClock(Instant.parse("2026-12-03T10:00:00.123456789Z"));

  /** Records the prefixes listed, so a test can tell whether blocks were listed. */
  static final class CountingStore extends ForwardingObjectStore {
    final List<String> lists = new ArrayList<>();
    final List<String> childLists = new ArrayList<>();

    CountingStore(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public List<String> list(String prefix) {
      lists.add(prefix);
      return super.list(prefix);
    }

    @Override
    public List<String> listChildren(String prefix) {
      childLists.add(prefix);
      return super.listChildren(prefix);
    }
  }

  @BeforeEach
  void openStore() {
    local = LocalObjectStore.of(bucket);
    counting = new CountingStore(local);
  }

  TenantIndexPoller builder(Blocklist blocklist) {
    return TenantIndexPoller.builder(local, blocklist).clock(clock).build();
  }

  TenantIndexPollerBuilder reader(Blocklist blocklist) {
    return TenantIndexPoller.builder(counting, blocklist).clock(clock).buildsIndex(false);
  }

  BlockMeta writeBlock() {
    return VParquet4BlockWriter.builder(local)
        .build()
        .write(
            TENANT,
            UUID.randomUUID(),
            List.of(RetentionTest.trace(RetentionTest.OLD_TRACE, clock.instant())));
  }

  void copyFixtures() throws IOException {
    Path from = TempoFixtures.resolve("tempodb/backend/test/test-data");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        local.put(from.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
  }

  @Test
  void readsTemposIndexesWithoutListingBlocks() throws IOException {
    copyFixtures();
    Blocklist blocklist = new Blocklist();
    TenantIndexPoller poller = reader(blocklist).build();

    // single-tenant has index.pb.zst; tenant 3 only index.json.gz.
    assertThat(poller.poll()).isEqualTo(3 + 22_435);
    assertThat(counting.lists).isEmpty();
    assertThat(counting.childLists).containsExactly("");
    assertThat(blocklist.listingFailure()).isNull();
    assertThat(blocklist.candidates("single-tenant", TimeRange.ALL))
        .extracting(m -> m.blockId().toString())
        .containsExactlyInAnyOrder(
            "709f51b4-4e04-464a-89e0-f1f8d956e633",
            "8ff0b000-3138-4665-84bf-630caff577a5",
            "f5ac87ed-77f1-408e-9c98-785692900e81");
    assertThat(poller.lastPoll().get("single-tenant").compacted())
        .extracting(c -> c.meta().blockId().toString())
        .containsExactly("fa599055-6305-43a9-9a17-5ff9b208cd01");
    assertThat(poller.lastPoll().get("3").createdAt())
        .isEqualTo(Instant.parse("2024-10-01T03:23:41.935630083Z"));
    assertThat(poller.lastPoll().get("3").compacted()).hasSize(3_264);
  }

  @Test
  void aStaleIndexIsListedInsteadWhenFallbackIsOn() throws IOException {
    copyFixtures();
    Blocklist blocklist = new Blocklist();
    TenantIndexPoller poller = reader(blocklist).staleTenantIndex(Duration.ofHours(1)).build();

    // Tenant 3 has an index but no blocks; single-tenant's metas are listed and read.
    assertThat(poller.poll()).isEqualTo(3);
    assertThat(counting.lists).containsExactlyInAnyOrder("3/", "single-tenant/");
    assertThat(blocklist.size("3")).isZero();
    assertThat(poller.lastPoll().get("single-tenant").compacted()).hasSize(1);
    assertThat(blocklist.listingFailure()).isNull();
  }

  @Test
  void aStaleIndexWithoutFallbackIsAFailureAndKeepsWhatWasKnown() throws IOException {
    copyFixtures();
    Blocklist blocklist = new Blocklist();
    assertThat(reader(blocklist).build().poll()).isEqualTo(3 + 22_435);

    TenantIndexPoller strict =
        reader(blocklist).staleTenantIndex(Duration.ofHours(1)).fallback(false).build();
    assertThat(strict.poll()).isEqualTo(3 + 22_435);
    assertThat(counting.lists).isEmpty();
    assertThat(blocklist.listingFailure())
        .isEqualTo(
            "tenant 3: tenant index created at 2024-10-01T03:23:41.935630083Z is stale;"
                + " tenant single-tenant: tenant index created at 2024-09-25T14:17:00.174025607Z"
                + " is stale");
    assertThat(strict.lastPoll()).isEmpty();
  }

  @Test
  void theBuilderWritesAnIndexThatReadsBackIdentically() {
    BlockMeta live = writeBlock();
    BlockMeta old = writeBlock();
    String dir = TENANT + "/" + old.blockId() + "/";
    Instant compactedAt = Instant.parse("2026-12-03T09:00:00.5Z");
    local.put(
        dir + BlockMetaJson.COMPACTED_META_OBJECT,
        BlockMetaJson.toJson(new CompactedBlockMeta(old, compactedAt)));
    local.delete(dir + BlockMetaJson.META_OBJECT);

    Blocklist blocklist = new Blocklist();
    TenantIndexPoller poller = builder(blocklist);
    assertThat(poller.poll()).isEqualTo(1);
    TenantIndex expected =
        new TenantIndex(
            clock.instant(), List.of(live), List.of(new CompactedBlockMeta(old, compactedAt)));
    assertThat(poller.lastPoll()).containsEntry(TENANT, expected);
    assertThat(TenantIndexStore.read(local, TENANT)).isEqualTo(expected);
    assertThat(TenantIndexJson.parseGzip(local.get(TENANT + "/" + TenantIndex.JSON_OBJECT)))
        .isEqualTo(expected);
    assertThat(TenantIndexProto.parseZstd(local.get(TENANT + "/" + TenantIndex.PROTO_OBJECT)))
        .isEqualTo(expected);
    assertThat(blocklist.candidates(TENANT, TimeRange.ALL)).containsExactly(live);
  }

  @Test
  void aReaderSeesNewBlocksOnceTheBuilderRewritesTheIndex() {
    BlockMeta first = writeBlock();
    TenantIndexPoller builder = builder(new Blocklist());
    builder.poll();

    Blocklist blocklist = new Blocklist();
    TenantIndexPoller reader = reader(blocklist).staleTenantIndex(Duration.ofMinutes(15)).build();
    assertThat(reader.poll()).isEqualTo(1);
    BlockMeta second = writeBlock(); // by another process: not in the index yet
    clock.advance(Duration.ofMinutes(5));
    assertThat(reader.poll()).isEqualTo(1);
    assertThat(counting.lists).isEmpty();

    builder.poll();
    assertThat(reader.poll()).isEqualTo(2);
    assertThat(blocklist.candidates(TENANT, TimeRange.ALL))
        .containsExactlyInAnyOrder(first, second);
    assertThat(counting.lists).isEmpty();
  }

  @Test
  void theIndexGoesWithTheLastBlock() {
    BlockMeta only = writeBlock();
    Blocklist blocklist = new Blocklist();
    TenantIndexPoller poller = builder(blocklist);
    poller.poll();
    assertThat(local.list(TENANT + "/index")).hasSize(2);

    for (String key : local.list(TENANT + "/" + only.blockId() + "/")) {
      local.delete(key);
    }
    assertThat(poller.poll()).isZero();
    assertThat(local.list(TENANT + "/")).isEmpty();
    assertThat(blocklist.size(TENANT)).isZero();
  }
}
