/**
 * The blocklist: which blocks each tenant has, found by listing the object store and by the blocks
 * this process flushes, and trace-by-ID across them.
 */
@NullMarked
package dev.vivace.block.list;

import org.jspecify.annotations.NullMarked;
