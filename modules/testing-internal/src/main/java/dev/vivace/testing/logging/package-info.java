/**
 * Log capture for tests that must prove what was, and was not, logged. Internal: used only from
 * other modules' tests, which bring their own Logback.
 */
@NullMarked
package dev.vivace.testing.logging;

import org.jspecify.annotations.NullMarked;
