/** Tenant identifiers, validated as Tempo (dskit) validates them. */
@NullMarked
package dev.vivace.tenant;

import org.jspecify.annotations.NullMarked;
