/**
 * What happens to blocks after they are written, as Tempo does it: {@link
 * dev.vivace.block.lifecycle.TenantIndexPoller} finds every tenant's blocks and writes or reads
 * Tempo's per-tenant index, {@link dev.vivace.block.lifecycle.Retention} marks blocks older than
 * the retention compacted and later deletes them, and {@link dev.vivace.block.lifecycle.Compactor}
 * merges small blocks into larger ones.
 */
@NullMarked
package dev.vivace.block.lifecycle;

import org.jspecify.annotations.NullMarked;
