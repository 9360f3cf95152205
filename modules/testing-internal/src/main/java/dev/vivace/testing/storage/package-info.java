/** Contract tests for the storage SPI. Internal: not API, used only from other modules' tests. */
@NullMarked
package dev.vivace.testing.storage;

import org.jspecify.annotations.NullMarked;
