/**
 * The raw object store: the lower layer of the two-layer storage SPI. It stores opaque objects
 * under {@code /}-separated keys and knows nothing about blocks; block readers and writers sit on
 * top of it, and caches, metrics and retries decorate it by extending {@link
 * dev.vivace.storage.ForwardingObjectStore}.
 */
@NullMarked
package dev.vivace.storage;

import org.jspecify.annotations.NullMarked;
