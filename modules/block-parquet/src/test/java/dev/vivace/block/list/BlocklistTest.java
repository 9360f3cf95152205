package dev.vivace.block.list;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vivace.block.vparquet4.VParquet4BlockWriter;
import dev.vivace.query.TimeRange;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceFragments;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tempo's fixture block and blocks we flush, side by side in one bucket. */
class BlocklistTest {

  /** The first trace of the fixture's appendix, with its span count. */
  static final String FIXTURE_TRACE = fixtureTrace();

  @TempDir Path bucket;

  static String fixtureTrace() {
    try (Stream<String> lines =
        Files.lines(Path.of("src/test/resources/vparquet4-fixture-traces.tsv"))) {
      return lines
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .findFirst()
          .orElseThrow()
          .split("\t")[0]
          .trim();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void copyFixtureInto(Path root) throws IOException {
    Path src = TempoFixtures.vparquet4Block();
    Path dst =
        root.resolve(TempoFixtures.VPARQUET4_TENANT).resolve(TempoFixtures.VPARQUET4_BLOCK_ID);
    Files.createDirectories(dst);
    try (Stream<Path> files = Files.list(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dst.resolve(f.getFileName()));
      }
    }
  }

  static TraceFragments trace(int n, long startNanos) {
    byte[] id = new byte[16];
    id[0] = (byte) 0x7f;
    id[15] = (byte) n;
    ResourceSpans rs =
        ResourceSpans.newBuilder()
            .setResource(
                Resource.newBuilder()
                    .addAttributes(
                        KeyValue.newBuilder()
                            .setKey("service.name")
                            .setValue(AnyValue.newBuilder().setStringValue("svc"))))
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .addSpans(
                        Span.newBuilder()
                            .setTraceId(ByteString.copyFrom(id))
                            .setSpanId(
                                ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) n}))
                            .setName("op-" + n)
                            .setStartTimeUnixNano(startNanos)
                            .setEndTimeUnixNano(startNanos + 1000)))
            .build();
    // The same span twice, as after a client retry across a block cut: stored once.
    return new TraceFragments(TraceId.of(id), List.of(rs, rs));
  }

  @Test
  void tempoAndVivaceBlocksInOneBucket() throws IOException {
    copyFixtureInto(bucket);
    ObjectStore store = LocalObjectStore.of(bucket);
    Blocklist blocklist = new Blocklist();
    BlockTraceFinder finder = new BlockTraceFinder(store, blocklist);

    assertThat(new BlockPoller(store, blocklist).poll()).isEqualTo(1);
    TraceId fixtureId = TraceId.parse(FIXTURE_TRACE);
    assertThat(finder.find("single-tenant", fixtureId, TimeRange.ALL).isEmpty()).isFalse();

    long start = 1_700_000_000_000_000_000L;
    UUID ours = UUID.randomUUID();
    new VParquet4BlockSink(VParquet4BlockWriter.builder(store).build(), blocklist)
        .write("single-tenant", ours, List.of(trace(1, start), trace(2, start)));
    TraceId ourId = trace(1, start).traceId();
    var found = finder.find("single-tenant", ourId, TimeRange.ALL);
    assertThat(Traces.spanCount(found.fragments())).isEqualTo(1);
    assertThat(finder.find("single-tenant", fixtureId, TimeRange.ALL).isEmpty()).isFalse();

    // A fresh process finds both by listing.
    Blocklist fresh = new Blocklist();
    assertThat(new BlockPoller(store, fresh).poll()).isEqualTo(2);
    assertThat(
            new BlockTraceFinder(store, fresh)
                .find("single-tenant", ourId, TimeRange.ALL)
                .isEmpty())
        .isFalse();

    // Time ranges skip blocks that cannot hold the trace.
    long ourSecond = start / 1_000_000_000L;
    assertThat(
            finder
                .find("single-tenant", ourId, new TimeRange(ourSecond + 3600, ourSecond + 7200))
                .isEmpty())
        .isTrue();
    assertThat(
            finder
                .find("single-tenant", ourId, new TimeRange(ourSecond - 10, ourSecond + 10))
                .isEmpty())
        .isFalse();
    assertThat(finder.find("other-tenant", ourId, TimeRange.ALL).isEmpty()).isTrue();
  }

  @Test
  void compactedBlocksAndBrokenMetasAreLeftOut() throws IOException {
    copyFixtureInto(bucket);
    ObjectStore store = LocalObjectStore.of(bucket);
    String prefix = TempoFixtures.VPARQUET4_TENANT + "/" + TempoFixtures.VPARQUET4_BLOCK_ID + "/";
    Blocklist blocklist = new Blocklist();
    BlockPoller poller = new BlockPoller(store, blocklist);
    assertThat(poller.poll()).isEqualTo(1);

    store.put(prefix + "meta.compacted.json", store.get(prefix + "meta.json"));
    assertThat(poller.poll()).isZero();

    UUID broken = UUID.randomUUID();
    store.put("single-tenant/" + broken + "/meta.json", "{not json".getBytes());
    assertThat(poller.poll()).isZero();
  }
}
