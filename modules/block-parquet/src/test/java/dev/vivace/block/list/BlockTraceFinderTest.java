package dev.vivace.block.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.vparquet4.FooterCache;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceLookup;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagRequest;
import dev.vivace.storage.ForwardingObjectStore;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.StorageException;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.otlp.OtlpRequests;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.AttributeScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks that cannot be read make a lookup partial instead of failing it. */
class BlockTraceFinderTest {

  static final String TENANT = "t";
  static final String ID = "000000000000000000000000000000a1";

  @TempDir Path bucket;
  ObjectStore local;
  final AtomicBoolean down = new AtomicBoolean();
  ObjectStore store;
  final Blocklist blocklist = new Blocklist();
  BlockMeta good;
  BlockMeta other;

  @BeforeEach
  void writeBlocks() {
    local = LocalObjectStore.of(bucket);
    store =
        new ForwardingObjectStore(local) {
          @Override
          public byte[] get(String key) {
            check(key);
            return super.get(key);
          }

          @Override
          public byte[] getRange(String key, long offset, int length) {
            check(key);
            return super.getRange(key, offset, length);
          }

          @Override
          public List<String> list(String prefix) {
            check(prefix);
            return super.list(prefix);
          }

          private void check(String key) {
            if (down.get()) {
              throw new StorageException("get " + key + " failed (injected)");
            }
          }
        };
    VParquet4BlockWriter writer = VParquet4BlockWriter.builder(local).build();
    good = writer.write(TENANT, UUID.randomUUID(), List.of(trace(1)));
    other = writer.write(TENANT, UUID.randomUUID(), List.of(trace(2)));
    blocklist.add(good);
    blocklist.add(other);
  }

  static BlockTrace trace(long spanId) {
    return new BlockTrace(
        TraceId.parse(ID),
        OtlpRequests.request(
                "s",
                List.of(
                    OtlpRequests.span(OtlpRequests.traceId(ID), OtlpRequests.spanId(spanId), "span")
                        .build()))
            .getResourceSpansList());
  }

  TraceLookup find(BlockTraceFinder finder) {
    return finder.find(TENANT, TraceId.parse(ID), TimeRange.ALL);
  }

  @Test
  void aCorruptBlockIsNamedAndCountedOnce() {
    String key = TENANT + "/" + other.blockId() + "/data.parquet";
    byte[] data = local.get(key);
    Arrays.fill(data, 4, data.length - other.footerSize() - 8, (byte) 0x55);
    local.put(key, data);
    BlockTraceFinder finder = new BlockTraceFinder(store, blocklist);

    for (int i = 0; i < 3; i++) {
      TraceLookup found = find(finder);
      assertThat(found.fragments()).hasSize(1);
      assertThat(found.failures())
          .containsExactly("block " + other.blockId() + " is corrupt (data.parquet)");
    }
    assertThat(finder.corruptBlocks()).isEqualTo(1);
    assertThat(finder.storageFailedBlocks()).isZero();
  }

  @Test
  void storageFailuresAreCountedOncePerOutage() {
    BlockTraceFinder finder = new BlockTraceFinder(store, blocklist, Runnable::run);
    down.set(true);
    for (int i = 0; i < 2; i++) {
      TraceLookup found = find(finder);
      assertThat(found.isEmpty()).isTrue();
      assertThat(found.failures())
          .hasSize(2)
          .allMatch(f -> f.contains(" could not be read from storage: StorageException: get t/"));
    }
    assertThat(finder.storageFailedBlocks()).isEqualTo(2);

    down.set(false);
    assertThat(find(finder).isPartial()).isFalse();
    down.set(true);
    assertThat(find(finder).isPartial()).isTrue();
    assertThat(finder.storageFailedBlocks()).isEqualTo(4);
  }

  @Test
  void aFailedListingMakesLookupsPartialUntilAPollWorks() {
    BlockPoller poller = new BlockPoller(store, blocklist);
    BlockTraceFinder finder = new BlockTraceFinder(store, blocklist);
    down.set(true);
    assertThatThrownBy(poller::poll).isInstanceOf(StorageException.class);
    down.set(false);

    TraceLookup found = find(finder);
    assertThat(found.fragments()).hasSize(2);
    assertThat(found.failures())
        .containsExactly(
            "the block list could not be refreshed from storage, recent blocks may be missing:"
                + " StorageException: get  failed (injected)");

    poller.poll();
    assertThat(find(finder).isPartial()).isFalse();
  }

  @Test
  void lookupsKeepParsedFootersAndShareThemWithSearches() {
    BlockSearcherTest.Counting counting = new BlockSearcherTest.Counting(local);
    Blocklist one = new Blocklist();
    one.add(good);
    FooterCache footers = new FooterCache(FooterCache.DEFAULT_MAX_BYTES);
    BlockTraceFinder finder = new BlockTraceFinder(counting, one, null, footers);

    TraceLookup first = find(finder);
    long firstBytes = counting.bytes.getAndSet(0);
    TraceLookup second = find(finder);
    long secondBytes = counting.bytes.getAndSet(0);

    assertThat(first.fragments()).hasSize(1);
    assertThat(second.fragments()).isEqualTo(first.fragments());
    assertThat(first.inspectedBytes()).isEqualTo(firstBytes);
    assertThat(second.inspectedBytes()).isEqualTo(secondBytes);
    // The second lookup does not fetch the footer (nor its length and magic) again.
    assertThat(secondBytes).isLessThanOrEqualTo(firstBytes - good.footerSize() - 8);

    // A search keeps the footer for lookups that share its cache.
    FooterCache shared = new FooterCache(FooterCache.DEFAULT_MAX_BYTES);
    new SearchEngine(
            List.of(), List.of(new BlockSearcher(counting, one, null, shared)), Runnable::run)
        .tagNames(
            List.of(TENANT),
            new TagRequest(Set.of(AttributeScope.SPAN), null, new TimeRange(1, Integer.MAX_VALUE)),
            0,
            0,
            Duration.ofMinutes(1));
    assertThat(shared.size()).isEqualTo(1);
    counting.bytes.set(0);
    TraceLookup afterSearch = find(new BlockTraceFinder(counting, one, null, shared));
    assertThat(afterSearch.fragments()).isEqualTo(first.fragments());
    assertThat(counting.bytes.get()).isEqualTo(secondBytes);
  }
}
