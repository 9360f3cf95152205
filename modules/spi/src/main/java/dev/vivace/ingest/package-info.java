/**
 * Where ingest hands spans over: the seam that the live store, the WAL and a future ingest log
 * implement.
 */
@NullMarked
package dev.vivace.ingest;

import org.jspecify.annotations.NullMarked;
