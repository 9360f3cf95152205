/**
 * Search across tiers. A {@link dev.vivace.search.SearchRequest} carries a compiled TraceQL query;
 * every tier (live traces, blocks being written, blocks in the object store) implements {@link
 * dev.vivace.search.TraceSearcher} and offers its {@link dev.vivace.search.TraceMatch}es to a
 * {@link dev.vivace.search.SearchSink}; {@link dev.vivace.search.SearchEngine} asks the tiers of
 * each tenant and combines their answers as Tempo does. Tag names and values are found the same way
 * through {@link dev.vivace.search.TagSearcher}. Tiers that hold whole OTLP traces evaluate them
 * with {@link dev.vivace.search.TraceMatcher} and {@link dev.vivace.search.TagMatcher}, so that
 * they all answer alike.
 */
@NullMarked
package dev.vivace.search;

import org.jspecify.annotations.NullMarked;
