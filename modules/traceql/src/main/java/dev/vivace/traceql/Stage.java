package dev.vivace.traceql;

import java.util.List;

/**
 * A compiled pipeline stage or span-set expression: the span sets it yields for one trace from the
 * span sets fed to it. It never yields an empty span set.
 */
@FunctionalInterface
interface Stage {

  List<SpanGroup> apply(TraceSpans trace, List<SpanGroup> input);
}
