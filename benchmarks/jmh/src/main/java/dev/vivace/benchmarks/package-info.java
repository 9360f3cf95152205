/**
 * JMH benchmarks of Vivace's hot paths, and the object-store decorators they measure with. Some
 * benchmarks sit in the package of the class they measure, to reach package-private code (the
 * OTLP/JSON parser, the bloom filter) without making it public.
 */
@NullMarked
package dev.vivace.benchmarks;

import org.jspecify.annotations.NullMarked;
