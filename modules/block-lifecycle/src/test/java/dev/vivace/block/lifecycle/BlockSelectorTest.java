package dev.vivace.block.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vivace.block.BlockEncoding;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.DedicatedColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tempo's time-window selection of compaction jobs. */
class BlockSelectorTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");
  static final BlockSelector.Limits DEFAULTS =
      new BlockSelector.Limits(Duration.ofHours(1), 6_000_000, 100L << 30, 2, 4, 100);
  static int next;

  static BlockMeta block(Instant end, int level, long objects) {
    return block(end, level, objects, 1000, "vParquet4", List.of(), 0);
  }

  static BlockMeta block(
      Instant end,
      int level,
      long objects,
      long size,
      String format,
      List<DedicatedColumn> columns,
      int rf) {
    return new BlockMeta(
        format,
        new UUID(0, ++next),
        "t",
        end.minusSeconds(60),
        end,
        objects,
        size,
        level,
        BlockEncoding.NONE,
        0,
        1,
        "",
        1,
        100,
        columns,
        rf);
  }

  static List<List<BlockMeta>> jobs(List<BlockMeta> blocks, BlockSelector.Limits limits) {
    BlockSelector selector = new BlockSelector("t", blocks, NOW, limits);
    List<List<BlockMeta>> out = new ArrayList<>();
    for (BlockSelector.Job job = selector.next(); job != null; job = selector.next()) {
      out.add(job.blocks());
    }
    return out;
  }

  static Instant hoursAgo(double h) {
    return NOW.minusSeconds((long) (h * 3600));
  }

  @Test
  void activeBlocksAreGroupedByWindowAndLevelSmallestFirstAtMostFour() {
    BlockMeta a = block(hoursAgo(1), 0, 30);
    BlockMeta b = block(hoursAgo(1), 0, 10);
    BlockMeta c = block(hoursAgo(1), 0, 20);
    BlockMeta d = block(hoursAgo(1), 0, 50);
    BlockMeta e = block(hoursAgo(1), 0, 40);
    BlockMeta f = block(hoursAgo(1), 1, 5); // another level
    BlockMeta g = block(hoursAgo(3), 0, 5); // another window
    BlockMeta h = block(hoursAgo(3), 0, 6);
    List<List<BlockMeta>> jobs = jobs(List.of(a, b, c, d, e, f, g, h), DEFAULTS);
    // Level 0 first, the most recent window first; the fifth block of the window is left over.
    assertThat(jobs).containsExactly(List.of(b, c, a, e), List.of(g, h));
  }

  @Test
  void theHashNamesTenantLevelAndWindowInActiveWindowsAndTenantAndWindowBefore() {
    BlockSelector active =
        new BlockSelector(
            "t", List.of(block(hoursAgo(1), 2, 1), block(hoursAgo(1), 2, 2)), NOW, DEFAULTS);
    long window = hoursAgo(1).getEpochSecond() / 3600;
    assertThat(active.next().hash()).isEqualTo("t-2-" + window);
    BlockSelector old =
        new BlockSelector(
            "t", List.of(block(hoursAgo(30), 2, 1), block(hoursAgo(30), 5, 2)), NOW, DEFAULTS);
    assertThat(old.next().hash()).isEqualTo("t-" + hoursAgo(30).getEpochSecond() / 3600);
  }

  @Test
  void olderWindowsMixLevelsLowestFirstAndTheLastActiveWindowIsLeftAlone() {
    BlockMeta x = block(hoursAgo(30), 3, 1);
    BlockMeta y = block(hoursAgo(30), 1, 100);
    BlockMeta z = block(hoursAgo(30), 1, 50);
    // 24 hours before now falls in the last active window: never compacted.
    BlockMeta edge1 = block(hoursAgo(24), 0, 1);
    BlockMeta edge2 = block(hoursAgo(24), 0, 1);
    assertThat(jobs(List.of(x, y, z, edge1, edge2), DEFAULTS)).containsExactly(List.of(z, y, x));
  }

  @Test
  void limitsOfObjectsAndBytesEndAJob() {
    BlockMeta a = block(hoursAgo(1), 0, 10);
    BlockMeta b = block(hoursAgo(1), 0, 20);
    BlockMeta c = block(hoursAgo(1), 0, 30);
    BlockSelector.Limits objects =
        new BlockSelector.Limits(Duration.ofHours(1), 30, 100L << 30, 2, 4, 100);
    assertThat(jobs(List.of(a, b, c), objects)).containsExactly(List.of(a, b));

    BlockMeta big1 = block(hoursAgo(1), 0, 1, 600, "vParquet4", List.of(), 0);
    BlockMeta big2 = block(hoursAgo(1), 0, 2, 600, "vParquet4", List.of(), 0);
    BlockMeta small = block(hoursAgo(1), 0, 3, 300, "vParquet4", List.of(), 0);
    BlockSelector.Limits bytes =
        new BlockSelector.Limits(Duration.ofHours(1), 6_000_000, 1000, 2, 4, 100);
    // big1 fits with nothing after it; big2 and small do.
    assertThat(jobs(List.of(big1, big2, small), bytes)).containsExactly(List.of(big2, small));
  }

  @Test
  void differentFormatsDedicatedColumnsAndReplicationFactorsAreNotMixed() {
    List<DedicatedColumn> route = List.of(DedicatedColumn.span("http.route"));
    List<DedicatedColumn> other = List.of(DedicatedColumn.span("other"));
    BlockMeta a = block(hoursAgo(1), 0, 1, 1, "vParquet4", route, 0);
    BlockMeta b = block(hoursAgo(1), 0, 2, 1, "vParquet4", other, 0);
    BlockMeta c = block(hoursAgo(1), 0, 3, 1, "vParquet3", route, 0);
    BlockMeta d = block(hoursAgo(1), 0, 4, 1, "vParquet4", route, 1);
    assertThat(jobs(List.of(a, b, c, d), DEFAULTS)).isEmpty();

    // Only neighbours in the group's order (by size first) are taken together, as in Tempo.
    BlockMeta a2 = block(hoursAgo(1), 0, 1, 1, "vParquet4", route, 0);
    BlockMeta b2 = block(hoursAgo(1), 0, 2, 1, "vParquet4", other, 0);
    BlockMeta d2 = block(hoursAgo(1), 0, 4, 1, "vParquet4", route, 1);
    List<List<BlockMeta>> jobs = jobs(List.of(a, b, c, d, a2, b2, d2), DEFAULTS);
    assertThat(jobs).containsExactly(List.of(a, a2), List.of(b, b2), List.of(d, d2));
    for (List<BlockMeta> job : jobs) {
      assertThat(job).hasSize(2);
      assertThat(job.get(0).dedicatedColumns()).isEqualTo(job.get(1).dedicatedColumns());
      assertThat(job.get(0).version()).isEqualTo(job.get(1).version());
      assertThat(job.get(0).replicationFactor()).isEqualTo(job.get(1).replicationFactor());
    }
  }

  @Test
  void blocksAtTheMaximumLevelAreNotCompacted() {
    BlockSelector.Limits max2 =
        new BlockSelector.Limits(Duration.ofHours(1), 6_000_000, 100L << 30, 2, 4, 2);
    BlockMeta a = block(hoursAgo(1), 2, 1);
    BlockMeta b = block(hoursAgo(1), 2, 2);
    assertThat(jobs(List.of(a, b), max2)).isEmpty();
    assertThat(jobs(List.of(a, b), DEFAULTS)).containsExactly(List.of(a, b));
  }

  @Test
  void aLoneBlockIsNeverAJob() {
    assertThat(jobs(List.of(block(hoursAgo(1), 0, 1)), DEFAULTS)).isEmpty();
    assertThatThrownBy(() -> new BlockSelector.Limits(Duration.ofHours(1), 1, 1, 1, 4, 1))
        .hasMessage("inputs: 1..4 (expected: 2 <= min <= max)");
  }
}
