/** The {@link dev.vivace.storage.ObjectStore} on a local filesystem. */
@NullMarked
package dev.vivace.storage.local;

import org.jspecify.annotations.NullMarked;
