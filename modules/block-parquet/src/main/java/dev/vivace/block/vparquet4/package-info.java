/**
 * Tempo's vParquet4 block encoding: bloom filters, the {@code index} object, the Parquet data file,
 * and the block reader and writer built on a {@link dev.vivace.storage.ObjectStore}. The byte-level
 * format is specified in {@code shared/spec/tempo-block-format.md}.
 */
@NullMarked
package dev.vivace.block.vparquet4;

import org.jspecify.annotations.NullMarked;
