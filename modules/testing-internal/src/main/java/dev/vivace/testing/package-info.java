/** Shared test utilities. Internal: not API, used only from other modules' tests. */
@NullMarked
package dev.vivace.testing;

import org.jspecify.annotations.NullMarked;
