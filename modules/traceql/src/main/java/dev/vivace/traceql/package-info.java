/**
 * The TraceQL language: {@link dev.vivace.traceql.TraceQL#parse(String)} turns a query into an
 * immutable syntax tree ({@link dev.vivace.traceql.RootExpr}) whose {@code toString()} is the
 * canonical, fully parenthesised query. Nothing here evaluates a query.
 */
@NullMarked
package dev.vivace.traceql;

import org.jspecify.annotations.NullMarked;
