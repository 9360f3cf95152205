/**
 * The load tool: generates realistic traces from a seed, sends them over OTLP, reads the
 * acknowledged ones back through Tempo's HTTP API and checks that each is complete.
 */
@NullMarked
package dev.vivace.load;

import org.jspecify.annotations.NullMarked;
