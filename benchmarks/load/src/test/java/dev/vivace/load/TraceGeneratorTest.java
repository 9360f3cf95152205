package dev.vivace.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceGeneratorTest {

  private static List<Span> spans(List<ResourceSpans> batches) {
    List<Span> out = new ArrayList<>();
    batches.forEach(rs -> rs.getScopeSpansList().forEach(ss -> out.addAll(ss.getSpansList())));
    return out;
  }

  @Test
  void sameSeedAndIndexGiveTheSameTrace() {
    TraceGenerator a = new TraceGenerator(11, 1_000_000_000L, 0.01);
    TraceGenerator b = new TraceGenerator(11, 1_000_000_000L, 0.01);

    for (long i = 0; i < 50; i++) {
      assertThat(b.generate(i).batches()).isEqualTo(a.generate(i).batches());
    }
    assertThat(new TraceGenerator(12, 1_000_000_000L, 0.01).generate(0).traceIdHex())
        .isNotEqualTo(a.generate(0).traceIdHex());
  }

  @Test
  void tracesLookRealistic() {
    TraceGenerator g = new TraceGenerator(3, 1_000_000_000L, 0);
    Set<String> services = new HashSet<>();
    Set<String> traceIds = new HashSet<>();
    int errors = 0;
    int withEvents = 0;
    int withLinks = 0;
    int total = 0;
    for (long i = 0; i < 500; i++) {
      GeneratedTrace t = g.generate(i);
      traceIds.add(t.traceIdHex());
      List<Span> spans = spans(t.batches());
      assertThat(spans).hasSize(t.spanCount());
      assertThat(t.spanCount()).isBetween(1, 200);
      assertThat(spans.stream().filter(s -> s.getParentSpanId().isEmpty())).hasSize(1);
      t.batches()
          .forEach(
              rs -> services.add(rs.getResource().getAttributes(0).getValue().getStringValue()));
      for (Span s : spans) {
        total++;
        assertThat(s.getAttributesCount()).isBetween(5, 15);
        if (s.getKind() == Span.SpanKind.SPAN_KIND_SERVER) {
          assertThat(s.getAttributes(0).getKey()).isEqualTo("http.request.method");
        }
        errors += s.getStatus().getCodeValue() == 2 ? 1 : 0;
        withEvents += s.getEventsCount() > 0 ? 1 : 0;
        withLinks += s.getLinksCount() > 0 ? 1 : 0;
      }
    }
    assertThat(traceIds).hasSize(500);
    assertThat(services).hasSizeGreaterThanOrEqualTo(8);
    assertThat(total / 500.0).isBetween(25.0, 50.0);
    assertThat(errors).isBetween(total / 60, total / 15);
    assertThat(withEvents).isBetween(total / 8, total / 3);
    assertThat(withLinks).isBetween(total / 40, total / 10);
  }

  @Test
  void largeTracesAreSplitIntoChunksKeepingEverySpan() {
    TraceGenerator g = new TraceGenerator(5, 1_000_000_000L, 1.0);
    GeneratedTrace t = g.generate(0);

    assertThat(t.spanCount()).isBetween(1_000, 3_000);
    List<List<ResourceSpans>> chunks = t.chunks(512);
    assertThat(chunks).hasSize((t.spanCount() + 511) / 512);
    List<Span> rejoined = new ArrayList<>();
    for (List<ResourceSpans> c : chunks) {
      assertThat(IngestRun.countSpans(c)).isLessThanOrEqualTo(512);
      rejoined.addAll(spans(c));
    }
    assertThat(rejoined).containsExactlyInAnyOrderElementsOf(spans(t.batches()));
  }
}
