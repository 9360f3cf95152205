package dev.vivace.server;

import dev.vivace.block.list.BlockTraceFinder;
import dev.vivace.ingester.Ingester;
import dev.vivace.wal.WriteAheadLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the durable pipeline (the write-ahead log and block flushing) and of reading blocks
 * back.
 */
final class PipelineMetrics {

  private static final String READ_FAILURES =
      "Blocks trace lookups could not read, by reason: each corrupt block once, and each block the"
          + " object store failed to serve once per outage; the lookups answer partial results.";

  static void bind(
      MeterRegistry registry, Ingester ingester, WriteAheadLog wal, BlockTraceFinder blocks) {
    FunctionCounter.builder("vivace_ingester_blocks_flushed", ingester, Ingester::flushedBlocks)
        .description("Blocks written to storage and made queryable.")
        .register(registry);
    FunctionCounter.builder("vivace_ingester_flush_failures", ingester, Ingester::failedFlushes)
        .description("Failed attempts to write a block; each is retried with backoff.")
        .register(registry);
    Gauge.builder("vivace_ingester_blocks_pending", ingester, Ingester::pendingBlocks)
        .description("Blocks cut and waiting to be written (including ones being retried).")
        .register(registry);
    FunctionCounter.builder("vivace_wal_fsyncs", wal, WriteAheadLog::fsyncCount)
        .description("Write-ahead log forces to disk (one per group of concurrent appends).")
        .register(registry);
    FunctionCounter.builder("vivace_wal_appended_bytes", wal, WriteAheadLog::appendedBytes)
        .description("Bytes appended to the write-ahead log.")
        .register(registry);
    FunctionCounter.builder(
            "vivace_query_block_read_failures", blocks, BlockTraceFinder::corruptBlocks)
        .tag("reason", "corrupt")
        .description(READ_FAILURES)
        .register(registry);
    FunctionCounter.builder(
            "vivace_query_block_read_failures", blocks, BlockTraceFinder::storageFailedBlocks)
        .tag("reason", "storage")
        .description(READ_FAILURES)
        .register(registry);
  }

  private PipelineMetrics() {}
}
