package dev.vivace.traceql;

import java.util.List;
import java.util.stream.Collectors;

/** Stages joined by {@code |}, each fed the span sets of the one before; at least two stages. */
public record Pipeline(List<PipelineStage> stages) implements SpansetExpression {

  /** Creates a pipeline from a copy of {@code stages}. */
  public Pipeline {
    stages = List.copyOf(stages);
    if (stages.size() < 2) {
      throw new IllegalArgumentException("stages: " + stages + " (expected: at least two)");
    }
  }

  @Override
  public String toString() {
    return stages.stream().map(Object::toString).collect(Collectors.joining(" | ", "(", ")"));
  }
}
