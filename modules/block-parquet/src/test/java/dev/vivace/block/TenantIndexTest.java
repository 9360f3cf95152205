package dev.vivace.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import dev.vivace.testing.TempoFixtures;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class TenantIndexTest {

  private static final Path SINGLE_TENANT =
      TempoFixtures.resolve("tempodb/backend/test/test-data/single-tenant");

  @Test
  void readsProtoFixtureAndMatchesMetaFiles() throws Exception {
    TenantIndex index =
        TenantIndexProto.parseZstd(Files.readAllBytes(SINGLE_TENANT.resolve("index.pb.zst")));

    assertThat(index.createdAt()).isEqualTo(Instant.ofEpochSecond(1727273820L, 174025607));
    List<BlockMeta> fromFiles = new ArrayList<>();
    for (String id :
        List.of(
            "709f51b4-4e04-464a-89e0-f1f8d956e633",
            "8ff0b000-3138-4665-84bf-630caff577a5",
            "f5ac87ed-77f1-408e-9c98-785692900e81")) {
      fromFiles.add(
          BlockMetaJson.parse(Files.readAllBytes(SINGLE_TENANT.resolve(id + "/meta.json"))));
    }
    assertThat(index.metas()).isEqualTo(fromFiles);
    assertThat(index.metas())
        .extracting(BlockMeta::encoding)
        .containsExactly(BlockEncoding.LZ4, BlockEncoding.LZ4_1M, BlockEncoding.NONE);
    assertThat(index.compacted()).hasSize(1);
    CompactedBlockMeta c = index.compacted().get(0);
    assertThat(c.compactedTime()).isEqualTo(Instant.ofEpochSecond(1727273820L, 171101545));
    assertThat(c.meta())
        .isEqualTo(
            BlockMetaJson.parseCompacted(
                    Files.readAllBytes(
                        SINGLE_TENANT.resolve(
                            "fa599055-6305-43a9-9a17-5ff9b208cd01/meta.compacted.json")))
                .meta());
  }

  @Test
  void writesProtoByteIdenticalToTempo() throws Exception {
    byte[] zstd = Files.readAllBytes(SINGLE_TENANT.resolve("index.pb.zst"));
    byte[] proto;
    try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd))) {
      proto = in.readAllBytes();
    }
    TenantIndex index = TenantIndexProto.parse(proto);

    assertThat(TenantIndexProto.toProto(index)).isEqualTo(proto);
    assertThat(TenantIndexProto.parseZstd(TenantIndexProto.toZstd(index))).isEqualTo(index);
  }

  @Test
  void readsProductionJsonIndexAndWritesItBackByteForByte() throws Exception {
    byte[] gz =
        Files.readAllBytes(TempoFixtures.resolve("tempodb/backend/test/test-data/3/index.json.gz"));
    byte[] json;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      json = in.readAllBytes();
    }

    TenantIndex index = TenantIndexJson.parseGzip(gz);

    assertThat(index.createdAt()).isEqualTo(Instant.parse("2024-10-01T03:23:41.935630083Z"));
    assertThat(index.metas()).hasSize(22_435);
    assertThat(index.compacted()).hasSize(3_264);
    assertThat(index.metas())
        .allSatisfy(
            m -> {
              assertThat(m.tenantId()).isEqualTo("3");
              assertThat(m.version()).isEqualTo("vParquet4");
              assertThat(m.startTime()).isNotEqualTo(BlockMeta.ZERO_TIME);
              assertThat(m.endTime()).isNotEqualTo(BlockMeta.ZERO_TIME);
              assertThat(m.dedicatedColumns()).hasSize(20);
            });
    assertThat(index.metas().stream().filter(m -> m.replicationFactor() == 1).count())
        .isEqualTo(6_824);
    assertThat(index.compacted())
        .allSatisfy(c -> assertThat(c.compactedTime()).isNotEqualTo(BlockMeta.ZERO_TIME));
    List<DedicatedColumn> dc = index.metas().get(0).dedicatedColumns();
    assertThat(dc.get(0)).isEqualTo(DedicatedColumn.span("db.statement"));
    assertThat(dc.get(19)).isEqualTo(DedicatedColumn.resource("module.path"));

    assertThat(TenantIndexJson.toJson(index)).isEqualTo(json);
    assertThat(TenantIndexJson.parseGzip(TenantIndexJson.toGzip(index))).isEqualTo(index);
  }

  @Test
  void emptyListsMayBeNull() {
    TenantIndex index =
        TenantIndexJson.parse("{\"created_at\":\"2024-01-01T00:00:00Z\",\"meta\":null}".getBytes());
    assertThat(index.metas()).isEmpty();
    assertThat(index.compacted()).isEmpty();
  }

  @Test
  void corruptInputIsRejectedClearly() {
    assertThatThrownBy(() -> TenantIndexProto.parseZstd(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tenant index is not valid zstd: ");
    assertThatThrownBy(() -> TenantIndexJson.parseGzip(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tenant index is not valid gzip: ");
  }
}
