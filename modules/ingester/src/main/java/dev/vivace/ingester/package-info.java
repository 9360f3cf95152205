/**
 * The ingester: holds live traces per tenant in memory, enforces Tempo's per-trace and per-tenant
 * limits, and hands traces that went idle to the completed tier.
 */
@NullMarked
package dev.vivace.ingester;

import org.jspecify.annotations.NullMarked;
