/**
 * The TraceQL language: {@link dev.vivace.traceql.TraceQL#parse(String)} turns a query into an
 * immutable syntax tree ({@link dev.vivace.traceql.RootExpr}) whose {@code toString()} is the
 * canonical, fully parenthesised query. {@link dev.vivace.traceql.SpanFilter} evaluates a span
 * selector against spans seen through {@link dev.vivace.traceql.SpanView}.
 */
@NullMarked
package dev.vivace.traceql;

import org.jspecify.annotations.NullMarked;
