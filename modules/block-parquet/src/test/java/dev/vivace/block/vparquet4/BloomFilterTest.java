package dev.vivace.block.vparquet4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BloomFilterTest {

  private static final byte[] FIRST =
      TraceId.parse("000000000000000000474be8b43449fb").toByteArray();
  private static final byte[] LAST =
      TraceId.parse("0000000000000000fff92eebf68f8230").toByteArray();

  @Test
  void fnv1MatchesTestVectors() {
    assertThat(Fnv1.hash32("a".getBytes(UTF_8))).isEqualTo(0x050C5D7E);
    assertThat(Fnv1.hash32(FIRST)).isEqualTo(0x78a52baf);
    assertThat(Fnv1.hash32(LAST)).isEqualTo(0x2bc79653);
  }

  @Test
  void shardSelectionMatchesSpecExamples() {
    assertThat(ShardedBloomFilter.shardOf(FIRST, 1)).isZero();
    assertThat(ShardedBloomFilter.shardOf(FIRST, 10)).isEqualTo(3);
    assertThat(ShardedBloomFilter.shardOf(FIRST, 11)).isEqualTo(2);
    assertThat(ShardedBloomFilter.shardOf(LAST, 10)).isEqualTo(5);
    assertThat(ShardedBloomFilter.shardOf(LAST, 11)).isEqualTo(9);
    // A meta with bloomShards 0 means the legacy 10 shards.
    assertThat(ShardedBloomFilter.shardOf(LAST, 0)).isEqualTo(5);
  }

  @Test
  void murmur3MatchesTestVector() {
    long[] h = Murmur3.hash128("hello".getBytes(UTF_8), -1);
    assertThat(h).containsExactly(0xcbd8a7b341bd9b02L, 0x5b1e906a48ae1d19L);
  }

  @Test
  void hashesAndLocationsMatchSpecWorkedExample() {
    long[] h = BloomFilter.hashes(FIRST);
    assertThat(h)
        .containsExactly(
            0xb6e5d708b4c8c3a6L, 0xb3729591db922146L, 0x48370e7223f47007L, 0x8d89712de54fc54eL);
    long[] expected = {
      Long.parseUnsignedLong("13179176316962390950"),
      4682625133203023508L,
      Long.parseUnsignedLong("15130046789436591682"),
      Long.parseUnsignedLong("10094749193637687643"),
      Long.parseUnsignedLong("15547007354621559746"),
      8584366078151424972L,
      585043660675441530L
    };
    long[] bits = {803750, 386708, 380482, 618843, 426946, 359372, 779130};
    for (int i = 0; i < 7; i++) {
      assertThat(BloomFilter.location(h, i)).as("location %d", i).isEqualTo(expected[i]);
      assertThat(Long.remainderUnsigned(BloomFilter.location(h, i), 819_200)).isEqualTo(bits[i]);
    }
  }

  @Test
  void paramsFollowTempoSizing() {
    assertThat(BloomParams.forEstimate(134)).isEqualTo(new BloomParams(1, 819_200, 7));
    assertThat(BloomParams.forEstimate(100_000).shardCount()).isEqualTo(2);
    assertThat(BloomParams.forEstimate(489_844).shardCount()).isEqualTo(6);
    assertThat(BloomParams.forEstimate(870_825).shardCount()).isEqualTo(11);
    assertThat(BloomParams.forEstimate(1_000_000).shardCount()).isEqualTo(12);
    assertThat(BloomParams.forEstimate(1).hashCount()).isEqualTo(7);
    assertThat(BloomParams.forEstimate(Long.MAX_VALUE / 4096).shardCount()).isEqualTo(1000);
    assertThatThrownBy(() -> BloomParams.forEstimate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("estimatedTraces: 0 (expected: >= 1)");
  }

  @Test
  void shardBuiltFromFixtureIdsIsByteIdenticalToFixtureBloom0() throws Exception {
    byte[] fixture = Files.readAllBytes(TempoFixtures.vparquet4Block().resolve("bloom-0"));
    BloomFilter parsed = BloomFilter.parse(fixture);
    ShardedBloomFilter ours =
        new ShardedBloomFilter(new BloomParams(1, parsed.bits(), parsed.hashCount()));
    List<FixtureTraces> traces = FixtureTraces.all();
    assertThat(traces).hasSize(134);
    for (FixtureTraces t : traces) {
      ours.add(t.traceId().toByteArray());
    }

    assertThat(parsed.bits()).isEqualTo(819_200);
    assertThat(parsed.hashCount()).isEqualTo(5);
    assertThat(ours.shardBytes(0)).hasSize(102_424).isEqualTo(fixture);
  }

  @Test
  void parsedFixtureFindsAllIdsAndRejectsRandomOnes() throws Exception {
    BloomFilter bloom =
        BloomFilter.parse(Files.readAllBytes(TempoFixtures.vparquet4Block().resolve("bloom-0")));
    for (FixtureTraces t : FixtureTraces.all()) {
      assertThat(bloom.mayContain(t.traceId().toByteArray())).isTrue();
    }
    Random random = new Random(42);
    int positives = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      positives += bloom.mayContain(id) ? 1 : 0;
    }
    assertThat(positives).isLessThan(3);
  }

  @Test
  void roundTripsAndRejectsGarbage() {
    BloomFilter bloom = new BloomFilter(1000, 3);
    bloom.add(FIRST);
    BloomFilter back = BloomFilter.parse(bloom.toBytes());

    assertThat(back.mayContain(FIRST)).isTrue();
    assertThat(back.mayContain(LAST)).isFalse();
    assertThat(bloom.toBytes()).hasSize(24 + 16 * 8);
    assertThatThrownBy(() -> BloomFilter.parse(new byte[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bloom filter truncated: 10 bytes");
    assertThatThrownBy(() -> BloomFilter.parse(java.util.Arrays.copyOf(bloom.toBytes(), 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bloom filter header m=1000 k=3 length=1000 does not fit 100 bytes");
  }
}
