/**
 * Tempo's HTTP query API, as Grafana's Tempo data source and Tempo's own clients call it: trace by
 * ID in both versions, search, tag names and values in both versions, echo and build info, with
 * Tempo's tenancy, content negotiation and errors.
 */
@NullMarked
package dev.vivace.query.api;

import org.jspecify.annotations.NullMarked;
