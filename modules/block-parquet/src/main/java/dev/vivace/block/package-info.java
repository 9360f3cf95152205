/**
 * Block metadata shared by all block encodings, in Tempo's formats: {@code meta.json}, {@code
 * meta.compacted.json} and the per-tenant index ({@code index.json.gz}, {@code index.pb.zst}).
 */
@NullMarked
package dev.vivace.block;

import org.jspecify.annotations.NullMarked;
