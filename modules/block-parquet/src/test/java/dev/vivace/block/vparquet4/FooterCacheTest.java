package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;

class FooterCacheTest {

  private static ParquetMetadata footer() {
    return new ParquetMetadata(
        new FileMetaData(new MessageType("t"), java.util.Map.of(), "test"), List.of());
  }

  @Test
  void keepsFootersUntilTheBoundThenDropsTheLeastRecentlyUsed() {
    FooterCache cache = new FooterCache(250, f -> 100);
    ParquetMetadata a = footer();
    ParquetMetadata b = footer();
    ParquetMetadata c = footer();
    cache.put("a", a);
    cache.put("b", b);
    assertThat(cache.get("a")).isSameAs(a);
    cache.put("c", c);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isSameAs(a);
    assertThat(cache.get("c")).isSameAs(c);
  }

  @Test
  void aFooterLargerThanTheBoundIsNotKept() {
    FooterCache cache = new FooterCache(50, f -> 100);
    cache.put("a", footer());
    assertThat(cache.size()).isZero();
  }
}
