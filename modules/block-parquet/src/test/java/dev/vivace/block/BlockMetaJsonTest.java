package dev.vivace.block;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.testing.TempoFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BlockMetaJsonTest {

  @Test
  void readsFixtureMetaAndWritesItBackWithoutLegacyKeys() throws Exception {
    byte[] fixture = Files.readAllBytes(TempoFixtures.vparquet4Block().resolve("meta.json"));

    BlockMeta meta = BlockMetaJson.parse(fixture);

    assertThat(meta.version()).isEqualTo("vParquet4");
    assertThat(meta.blockId()).isEqualTo(UUID.fromString(TempoFixtures.VPARQUET4_BLOCK_ID));
    assertThat(meta.tenantId()).isEqualTo("single-tenant");
    assertThat(meta.startTime()).isEqualTo(Instant.parse("2022-07-04T11:11:09Z"));
    assertThat(meta.endTime()).isEqualTo(Instant.parse("2022-07-04T11:11:35Z"));
    assertThat(meta.totalObjects()).isEqualTo(134);
    assertThat(meta.size()).isEqualTo(77_187);
    assertThat(meta.encoding()).isEqualTo(BlockEncoding.NONE);
    assertThat(meta.totalRecords()).isEqualTo(1);
    assertThat(meta.bloomShards()).isEqualTo(1);
    assertThat(meta.footerSize()).isEqualTo(17_711);
    assertThat(meta.replicationFactor()).isZero();
    assertThat(meta.dedicatedColumns())
        .containsExactly(
            DedicatedColumn.resource("ip"),
            DedicatedColumn.span("instance"),
            DedicatedColumn.span("version"),
            DedicatedColumn.span("region"),
            DedicatedColumn.span("sampler.type"));
    String expected =
        new String(fixture, UTF_8)
            .replace("\"minID\":\"AAAAAAAAAAAAR0votDRJ+w==\",", "")
            .replace("\"maxID\":\"AAAAAAAAAAD/+S7r9o+CMA==\",", "")
            .stripTrailing(); // the fixture file ends with a newline
    assertThat(new String(BlockMetaJson.toJson(meta), UTF_8)).isEqualTo(expected);
  }

  @Test
  void backendFixtureMetasRoundTripByteForByte() throws Exception {
    Path tenant = TempoFixtures.resolve("tempodb/backend/test/test-data/single-tenant");
    for (String id :
        List.of(
            "709f51b4-4e04-464a-89e0-f1f8d956e633",
            "8ff0b000-3138-4665-84bf-630caff577a5",
            "f5ac87ed-77f1-408e-9c98-785692900e81")) {
      byte[] json = Files.readAllBytes(tenant.resolve(id).resolve("meta.json"));
      assertThat(BlockMetaJson.toJson(BlockMetaJson.parse(json))).as(id).isEqualTo(json);
    }
    byte[] compacted =
        Files.readAllBytes(
            tenant.resolve("fa599055-6305-43a9-9a17-5ff9b208cd01/meta.compacted.json"));
    CompactedBlockMeta c = BlockMetaJson.parseCompacted(compacted);
    assertThat(c.meta().encoding()).isEqualTo(BlockEncoding.GZIP);
    assertThat(c.meta().version()).isEqualTo("v1");
    assertThat(c.compactedTime()).isEqualTo(BlockMeta.ZERO_TIME);
    assertThat(BlockMetaJson.toJson(c.meta())).isEqualTo(compacted);
  }

  @Test
  void writesOptionalKeysOnlyWhenSetAndEscapesLikeGo() {
    BlockMeta meta =
        new BlockMeta(
            "vParquet4",
            UUID.fromString("3c9c2b0e-6d1f-4b62-9a55-0d7f1c2e8a11"),
            "t",
            Instant.parse("2024-09-05T13:02:01.809580090Z"),
            Instant.parse("2024-09-05T13:03:00Z"),
            5,
            0,
            2,
            BlockEncoding.NONE,
            0,
            1,
            "",
            1,
            100,
            List.of(new DedicatedColumn("resource", "a<b>&\u2028", "int", List.of("array"))),
            1);

    assertThat(new String(BlockMetaJson.toJson(meta), UTF_8))
        .isEqualTo(
            "{\"format\":\"vParquet4\",\"blockID\":\"3c9c2b0e-6d1f-4b62-9a55-0d7f1c2e8a11\","
                + "\"tenantID\":\"t\",\"startTime\":\"2024-09-05T13:02:01.80958009Z\","
                + "\"endTime\":\"2024-09-05T13:03:00Z\",\"totalObjects\":5,\"compactionLevel\":2,"
                + "\"encoding\":\"none\",\"indexPageSize\":0,\"totalRecords\":1,"
                + "\"dataEncoding\":\"\",\"bloomShards\":1,\"footerSize\":100,"
                + "\"dedicatedColumns\":[{\"s\":\"resource\",\"n\":\"a\\u003cb\\u003e\\u0026\\u2028\","
                + "\"t\":\"int\",\"o\":[\"array\"]}],\"replicationFactor\":1}");
    assertThat(BlockMetaJson.parse(BlockMetaJson.toJson(meta))).isEqualTo(meta);
  }

  @Test
  void acceptsAnyOffsetAndMissingKeys() {
    BlockMeta meta =
        BlockMetaJson.parse(
            ("{\"format\":\"vParquet4\",\"blockID\":\"3c9c2b0e-6d1f-4b62-9a55-0d7f1c2e8a11\","
                    + "\"startTime\":\"2024-01-01T12:00:00.5+02:00\",\"ENCODING\":\"x\"}")
                .getBytes(UTF_8));

    assertThat(meta.startTime()).isEqualTo(Instant.parse("2024-01-01T10:00:00.500Z"));
    assertThat(meta.endTime()).isEqualTo(BlockMeta.ZERO_TIME);
    assertThat(meta.encoding()).isEqualTo(BlockEncoding.NONE);
    assertThat(meta.dedicatedColumns()).isEmpty();
  }

  @Test
  void rejectsInvalidMetaWithTheFieldName() {
    String id = "\"blockID\":\"3c9c2b0e-6d1f-4b62-9a55-0d7f1c2e8a11\",";
    assertThatThrownBy(
            () -> BlockMetaJson.parse(("{" + id + "\"encoding\":\"lzma\"}").getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("encoding: lzma (expected: a Tempo encoding name)");
    assertThatThrownBy(() -> BlockMetaJson.parse("{\"blockID\":\"nope\"}".getBytes(UTF_8)))
        .hasMessage("blockID: nope (expected: a UUID)");
    assertThatThrownBy(() -> BlockMetaJson.parse(("{" + id + "\"size\":-1}").getBytes(UTF_8)))
        .hasMessage("size: -1 (expected: an integer in 0..9223372036854775807)");
    assertThatThrownBy(() -> BlockMetaJson.parse("{\"format\":".getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON: ");
  }
}
