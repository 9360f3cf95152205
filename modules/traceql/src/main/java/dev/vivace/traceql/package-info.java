/**
 * The TraceQL language: {@link dev.vivace.traceql.TraceQL#parse(String)} turns a query into an
 * immutable syntax tree ({@link dev.vivace.traceql.RootExpr}) whose {@code toString()} is the
 * canonical, fully parenthesised query. {@link dev.vivace.traceql.TraceQuery} evaluates a whole
 * query over the spans of one trace, seen through {@link dev.vivace.traceql.SpanView}; {@link
 * dev.vivace.traceql.SpanFilter} evaluates one span selector against one span.
 */
@NullMarked
package dev.vivace.traceql;

import org.jspecify.annotations.NullMarked;
