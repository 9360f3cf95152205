/**
 * What happens to blocks after they are written, as Tempo does it: {@link
 * dev.vivace.block.lifecycle.Retention} marks blocks older than the retention compacted and later
 * deletes them, and the listing it works from is the content of Tempo's per-tenant index.
 */
@NullMarked
package dev.vivace.block.lifecycle;

import org.jspecify.annotations.NullMarked;
