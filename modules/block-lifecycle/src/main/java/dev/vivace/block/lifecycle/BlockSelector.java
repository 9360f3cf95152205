package dev.vivace.block.lifecycle;

import dev.vivace.block.BlockMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Tempo's time-window block selection (spec §11), over one tenant's live blocks at one instant.
 * Each block falls in the compaction window of its {@code endTime} (Unix seconds divided by the
 * window). Blocks of the last active window (the window 24 hours before now) are left alone, so
 * that a block changing from active to inactive is never taken twice. In the active windows (more
 * recent) blocks are grouped by window and compaction level, smallest first; in older windows by
 * window alone, lowest level then smallest first; recent windows before older ones, and blocks of
 * different replication factors never together. {@link #next()} then takes the first run of at
 * least {@code minInputs} consecutive blocks of one group with equal {@code format}, {@code
 * dataEncoding} and dedicated columns, at most {@code maxInputs} of them and within the object and
 * byte limits; blocks passed over are not considered again. Blocks at or above the maximum
 * compaction level are never chosen.
 *
 * <p>Not thread-safe: one selector serves one compaction pass of one tenant.
 */
final class BlockSelector {

  /** Tempo's window before now after which blocks are no longer "active". */
  static final Duration ACTIVE_WINDOW = Duration.ofHours(24);

  /** A job: blocks to compact together, and the key an owner is asked about. */
  record Job(List<BlockMeta> blocks, String hash) {

    Job {
      blocks = List.copyOf(blocks);
    }
  }

  /** The limits of one job. */
  record Limits(
      Duration window,
      long maxObjects,
      long maxBytes,
      int minInputs,
      int maxInputs,
      int maxCompactionLevel) {

    Limits {
      Objects.requireNonNull(window, "window");
      if (window.toSeconds() < 1) {
        throw new IllegalArgumentException("window: " + window + " (expected: >= 1s)");
      }
      if (minInputs < 2 || maxInputs < minInputs) {
        throw new IllegalArgumentException(
            "inputs: " + minInputs + ".." + maxInputs + " (expected: 2 <= min <= max)");
      }
    }
  }

  private record Entry(BlockMeta meta, boolean active, long age, String hash) {}

  private final Limits limits;
  private List<Entry> entries;

  BlockSelector(String tenant, List<BlockMeta> blocks, Instant now, Limits limits) {
    this.limits = limits;
    long seconds = limits.window().toSeconds();
    long current = Math.floorDiv(now.getEpochSecond(), seconds);
    long lastActive = Math.floorDiv(now.minus(ACTIVE_WINDOW).getEpochSecond(), seconds);
    List<Entry> out = new ArrayList<>();
    for (BlockMeta b : blocks) {
      if (b.compactionLevel() >= limits.maxCompactionLevel()) {
        continue;
      }
      long w = Math.floorDiv(b.endTime().getEpochSecond(), seconds);
      if (w == lastActive) {
        continue;
      }
      boolean active = w > lastActive;
      String hash = active ? tenant + "-" + b.compactionLevel() + "-" + w : tenant + "-" + w;
      out.add(new Entry(b, active, current - w, hash));
    }
    out.sort(ORDER);
    this.entries = out;
  }

  /** Active windows first; then by group; then within the group, as Tempo orders it. */
  private static final Comparator<Entry> ORDER =
      Comparator.<Entry, Boolean>comparing(e -> !e.active())
          .thenComparing(e -> e.active() ? e.meta().compactionLevel() : 0)
          .thenComparingLong(Entry::age)
          .thenComparingInt(e -> e.meta().replicationFactor())
          .thenComparingInt(e -> e.active() ? 0 : e.meta().compactionLevel())
          .thenComparingLong(e -> e.meta().totalObjects())
          .thenComparing(e -> e.meta().version())
          .thenComparingInt(e -> e.meta().dedicatedColumns().hashCode())
          .thenComparing(e -> e.meta().blockId());

  private static boolean sameGroup(Entry a, Entry b) {
    return a.active() == b.active()
        && a.age() == b.age()
        && a.meta().replicationFactor() == b.meta().replicationFactor()
        && (!a.active() || a.meta().compactionLevel() == b.meta().compactionLevel());
  }

  private static boolean compatible(Entry a, Entry b) {
    return sameGroup(a, b)
        && a.meta().dataEncoding().equals(b.meta().dataEncoding())
        && a.meta().version().equals(b.meta().version())
        && a.meta().dedicatedColumns().equals(b.meta().dedicatedColumns());
  }

  /** The next job, or null when no more blocks can be compacted together. */
  @Nullable Job next() {
    while (!entries.isEmpty()) {
      List<Entry> chosen = List.of();
      int i = 0;
      for (; i < entries.size(); i++) {
        for (int j = i + 1; j < entries.size(); j++) {
          List<Entry> stripe = entries.subList(i, j + 1);
          if (compatible(entries.get(i), entries.get(j)) && withinLimits(stripe)) {
            chosen = stripe;
          } else {
            break;
          }
        }
        if (!chosen.isEmpty()) {
          break;
        }
      }
      List<Entry> job = List.copyOf(chosen);
      entries =
          new ArrayList<>(
              entries.subList(Math.min(entries.size(), i + job.size()), entries.size()));
      if (job.size() >= limits.minInputs()) {
        return new Job(job.stream().map(Entry::meta).toList(), job.get(0).hash());
      }
    }
    return null;
  }

  private boolean withinLimits(List<Entry> stripe) {
    long objects = 0;
    long bytes = 0;
    for (Entry e : stripe) {
      objects += e.meta().totalObjects();
      bytes += e.meta().size();
    }
    return stripe.size() <= limits.maxInputs()
        && objects <= limits.maxObjects()
        && bytes <= limits.maxBytes();
  }
}
