package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.traceql.SpanView;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A span that a filter matched ({@link TraceMatcher#filter}), with the resource and scope it was
 * sent with, and the span as TraceQL sees it (its attributes, intrinsics and variants).
 */
public record FilteredSpan(
    Resource resource, InstrumentationScope scope, Span span, SpanView view) {

  /** Checks that nothing is null. */
  public FilteredSpan {
    requireNonNull(resource, "resource");
    requireNonNull(scope, "scope");
    requireNonNull(span, "span");
    requireNonNull(view, "view");
  }
}
