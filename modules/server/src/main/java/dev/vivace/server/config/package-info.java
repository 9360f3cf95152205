/**
 * Configuration: a YAML file laid out like Tempo's, environment variables and flags, mapped onto
 * typed keys that are each defined once with their default and doc.
 */
@NullMarked
package dev.vivace.server.config;

import org.jspecify.annotations.NullMarked;
