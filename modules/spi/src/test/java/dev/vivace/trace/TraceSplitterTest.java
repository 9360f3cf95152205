package dev.vivace.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceSplitterTest {

  static Span span(int trace, int id) {
    byte[] t = new byte[16];
    t[15] = (byte) trace;
    byte[] s = new byte[8];
    s[7] = (byte) id;
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(t))
        .setSpanId(ByteString.copyFrom(s))
        .build();
  }

  @Test
  void groupsByTraceKeepingResourceAndScope() {
    ResourceSpans rs =
        ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder().setDroppedAttributesCount(7))
            .setSchemaUrl("r")
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName("a"))
                    .addSpans(span(1, 1))
                    .addSpans(span(2, 2)))
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName("b"))
                    .addSpans(span(1, 3)))
            .build();

    Map<TraceId, List<ResourceSpans>> split = TraceSplitter.split(List.of(rs));

    assertThat(split).hasSize(2);
    ResourceSpans one = split.get(TraceId.parse("1")).get(0);
    assertThat(one.getResource().getDroppedAttributesCount()).isEqualTo(7);
    assertThat(one.getSchemaUrl()).isEqualTo("r");
    assertThat(one.getScopeSpansList())
        .extracting(ss -> ss.getScope().getName())
        .containsExactly("a", "b");
    assertThat(Traces.spanCount(split.get(TraceId.parse("1")))).isEqualTo(2);
    assertThat(Traces.spanCount(split.get(TraceId.parse("2")))).isEqualTo(1);
  }

  @Test
  void singleTraceRequestIsPassedThrough() {
    ResourceSpans rs =
        ResourceSpans.newBuilder()
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(span(3, 1)).addSpans(span(3, 2)))
            .build();
    assertThat(TraceSplitter.split(List.of(rs)).get(TraceId.parse("3"))).containsExactly(rs);
  }
}
