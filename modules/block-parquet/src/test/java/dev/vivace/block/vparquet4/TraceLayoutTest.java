package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.Otlp.resourceSpans;
import static dev.vivace.block.vparquet4.Otlp.span;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The column writer's arrangement of a trace: spec §5.9's worked examples, §5.10, §5.11. */
class TraceLayoutTest {

  private static final byte[] ID = TraceId.parse("000102030405060708090a0b0c0d0e0f").toByteArray();

  private static TraceLayout layout(ResourceSpans... batches) {
    return TraceLayout.of(ID, List.of(batches), Map.of());
  }

  private static List<String> nested(TraceLayout t) {
    List<String> out = new ArrayList<>();
    SpanTree tree = t.tree;
    for (int i = 0; i < tree.size(); i++) {
      out.add(
          tree.span(i).getName()
              + "("
              + tree.left[i]
              + ","
              + tree.right[i]
              + ","
              + tree.parentId[i]
              + ")");
    }
    return out;
  }

  @Test
  void nestedSetAndServiceStatsFollowSpecExample() {
    Span a =
        span(1, 0, "A", SPAN_KIND_SERVER).toBuilder()
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();
    Span e =
        span(5, 4, "E", SPAN_KIND_INTERNAL).toBuilder()
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();
    TraceLayout t =
        layout(
            resourceSpans(
                "service-a",
                a,
                span(2, 1, "B", SPAN_KIND_INTERNAL),
                span(3, 1, "C", SPAN_KIND_CLIENT)),
            resourceSpans("service-b", span(4, 3, "D", SPAN_KIND_SERVER), e));

    assertThat(nested(t))
        .containsExactly("A(1,10,-1)", "B(2,3,1)", "C(4,9,1)", "D(5,8,4)", "E(6,7,5)");
    assertThat(t.serviceStats).containsOnlyKeys("service-a", "service-b");
    assertThat(t.serviceStats.get("service-a")).containsExactly(3, 1);
    assertThat(t.serviceStats.get("service-b")).containsExactly(2, 1);
    assertThat(t.rootSpanName).isEqualTo("A");
    assertThat(t.rootServiceName).isEqualTo("service-a");
    assertThat(TraceLayout.trimmedHex(t.traceId)).isEqualTo("102030405060708090a0b0c0d0e0f");
  }

  @Test
  void twoRootsAndSharedZipkinIds() {
    assertThat(
            nested(
                layout(
                    resourceSpans(
                        "s",
                        span(1, 0, "X", SPAN_KIND_INTERNAL),
                        span(2, 0, "Y", SPAN_KIND_INTERNAL)))))
        .containsExactly("X(1,2,-1)", "Y(3,4,-1)");

    // Client and server share span ID 2; the server's parent is the client, the child's the server.
    assertThat(
            nested(
                layout(
                    resourceSpans(
                        "s",
                        span(1, 0, "root", SPAN_KIND_SERVER),
                        span(2, 1, "client", SPAN_KIND_CLIENT),
                        span(2, 2, "server", SPAN_KIND_SERVER),
                        span(3, 2, "child", SPAN_KIND_CLIENT)))))
        .containsExactly("root(1,8,-1)", "client(2,7,1)", "server(3,6,2)", "child(4,5,3)");
  }

  @Test
  void ambiguousOrRootlessTracesGetZeros() {
    TraceLayout noRoot = layout(resourceSpans("s", span(2, 1, "orphan", SPAN_KIND_INTERNAL)));
    assertThat(nested(noRoot)).containsExactly("orphan(0,0,0)");
    assertThat(noRoot.rootSpanName).isEmpty();

    assertThat(
            nested(
                layout(
                    resourceSpans(
                        "s",
                        span(1, 0, "r", SPAN_KIND_INTERNAL),
                        span(1, 1, "a", SPAN_KIND_INTERNAL),
                        span(1, 1, "b", SPAN_KIND_INTERNAL)))))
        .containsExactly("r(0,0,0)", "a(0,0,0)", "b(0,0,0)");
  }

  @Test
  void equalResourcesAndScopesAreMergedInFirstPlace() {
    TraceLayout t =
        layout(
            resourceSpans("a", span(1, 0, "A1", SPAN_KIND_SERVER)),
            resourceSpans("b", span(2, 1, "B1", SPAN_KIND_INTERNAL)),
            resourceSpans("a", span(3, 1, "A2", SPAN_KIND_INTERNAL)));
    assertThat(t.resources).extracting(r -> r.serviceName).containsExactly("a", "b");
    assertThat(t.resources.get(0).scopes).hasSize(1);
    assertThat(nested(t)).containsExactly("A1(1,6,-1)", "A2(2,3,1)", "B1(4,5,1)");
  }
}
