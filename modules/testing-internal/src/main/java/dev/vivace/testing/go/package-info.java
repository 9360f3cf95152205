/** Go programs that tests build and run. Internal: used only from other modules' tests. */
@NullMarked
package dev.vivace.testing.go;

import org.jspecify.annotations.NullMarked;
