/**
 * The write-ahead log: every accepted request is appended to a segment file with a checksum and
 * made durable (fsync, shared by concurrent appends) before the client is answered; on start the
 * segments are replayed; segments are deleted once their spans are durable in blocks.
 */
@NullMarked
package dev.vivace.wal;

import org.jspecify.annotations.NullMarked;
