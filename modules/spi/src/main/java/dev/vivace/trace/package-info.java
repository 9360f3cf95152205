/** Trace identity and the trace model helpers shared by ingest, storage and query. */
@NullMarked
package dev.vivace.trace;

import org.jspecify.annotations.NullMarked;
