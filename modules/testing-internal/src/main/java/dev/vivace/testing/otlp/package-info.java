/** OTLP trace data for tests. Internal: used only from other modules' tests. */
@NullMarked
package dev.vivace.testing.otlp;

import org.jspecify.annotations.NullMarked;
