package dev.vivace.traceql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One span set a query yields for a trace: its spans, in the order the trace presented them, and
 * the attributes the pipeline gave the set ({@code by(...)} groups and aggregates, named as the
 * query wrote them in canonical form, e.g. {@code count()}, {@code by(resource.service.name)}). The
 * {@code by(...)} set of spans that lack the value has a {@link Static.NilValue}.
 */
public record Spanset(List<SpanView> spans, List<NamedValue> attributes) {

  /** A named value attached to a span set. */
  public record NamedValue(String name, Static value) {
    /** Creates a named value. */
    public NamedValue {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
    }
  }

  /** Copies both lists. */
  public Spanset {
    spans = List.copyOf(spans);
    attributes = List.copyOf(attributes);
  }
}
