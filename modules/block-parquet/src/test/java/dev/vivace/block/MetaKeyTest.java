package dev.vivace.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetaKeyTest {

  static final UUID ID = UUID.fromString("709f51b4-4e04-464a-89e0-f1f8d956e633");

  @Test
  void recognizesLiveAndCompactedMetas() {
    assertThat(MetaKey.parse("t/" + ID + "/meta.json")).isEqualTo(new MetaKey("t", ID, false));
    assertThat(MetaKey.parse("t/" + ID + "/meta.compacted.json"))
        .isEqualTo(new MetaKey("t", ID, true));
  }

  @Test
  void anyOtherKeyIsNotAMeta() {
    assertThat(MetaKey.parse("t/" + ID + "/data.parquet")).isNull();
    assertThat(MetaKey.parse("t/index.json.gz")).isNull();
    assertThat(MetaKey.parse("t/not-a-uuid/meta.json")).isNull();
    assertThat(MetaKey.parse("p/t/" + ID + "/meta.json")).isNull();
    assertThat(MetaKey.parse("meta.json")).isNull();
  }
}
