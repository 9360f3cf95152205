/** Finding traces by ID across every tier that holds them. */
@NullMarked
package dev.vivace.query;

import org.jspecify.annotations.NullMarked;
