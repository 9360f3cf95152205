/**
 * The composition root: wires configuration, ingest, live traces and the query API into listeners.
 */
@NullMarked
package dev.vivace.server;

import org.jspecify.annotations.NullMarked;
