package dev.vivace.block.list;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.CorruptObjectException;
import dev.vivace.storage.ObjectNotFoundException;
import dev.vivace.storage.StorageException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks found unreadable, so that each is logged and counted once, when it is first found
 * unreadable, and again only if it read fine in between. Thread-safe.
 */
final class UnreadableBlocks {

  /** Beyond this many unreadable blocks remembered, the memory is cleared (and logs repeat). */
  private static final int MAX_REMEMBERED = 10_000;

  /** The blocks found unreadable and not read fine since; true for corrupt ones. */
  private final ConcurrentHashMap<UUID, Boolean> unreadable = new ConcurrentHashMap<>();

  private final AtomicLong corruptBlocks = new AtomicLong();
  private final AtomicLong storageFailedBlocks = new AtomicLong();
  private final Logger logger;
  private final String consequence;

  /**
   * Logs to the logger of {@code owner}, the class that reads the blocks (operators filter on its
   * name); {@code consequence} ends the log line, such as "trace lookups answer partial results".
   */
  UnreadableBlocks(Class<?> owner, String consequence) {
    this.logger = LoggerFactory.getLogger(owner);
    this.consequence = consequence;
  }

  /**
   * Classifies why {@code meta}'s block could not be read, logs and counts it the first time, and
   * returns the problem shown to clients (such as {@code is corrupt (data.parquet)}), which never
   * quotes a decoder; null when the block is gone (compacted or deleted since the last poll).
   */
  @Nullable String failed(BlockMeta meta, RuntimeException e) {
    if (e instanceof ObjectNotFoundException) {
      logger.debug("Block {}/{} is gone: {}", meta.tenantId(), meta.blockId(), e.getMessage());
      return null;
    }
    if (e instanceof CorruptObjectException c) {
      String object = c.key().substring(c.key().lastIndexOf('/') + 1);
      return remember(meta, true, "is corrupt (" + object + ")", ": " + e.getMessage(), null);
    }
    if (e instanceof StorageException) {
      return remember(
          meta, false, "could not be read from storage: " + StorageFailures.describe(e), "", null);
    }
    // A meta.json the reader rejects, or a decoder failure the reader did not classify.
    return remember(meta, true, "cannot be decoded", "", e);
  }

  /** Records that {@code meta}'s block was read fine. */
  void readFine(BlockMeta meta) {
    if (!unreadable.isEmpty() && unreadable.remove(meta.blockId()) != null) {
      logger.info("Block {}/{} can be read again", meta.tenantId(), meta.blockId());
    }
  }

  private String remember(
      BlockMeta meta,
      boolean corrupt,
      String problem,
      String detail,
      @Nullable RuntimeException unexpected) {
    if (unreadable.size() >= MAX_REMEMBERED) {
      unreadable.clear();
    }
    if (unreadable.putIfAbsent(meta.blockId(), corrupt) == null) {
      (corrupt ? corruptBlocks : storageFailedBlocks).incrementAndGet();
      logger.warn(
          "Block {}/{} {}; {} while it cannot be read{}",
          meta.tenantId(),
          meta.blockId(),
          problem,
          consequence,
          detail,
          unexpected);
    }
    return problem;
  }

  long corruptBlocks() {
    return corruptBlocks.get();
  }

  long storageFailedBlocks() {
    return storageFailedBlocks.get();
  }
}
