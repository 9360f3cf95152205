package dev.vivace.trace;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;

/** Small operations on OTLP trace data. */
public final class Traces {

  /**
   * Returns {@code rs} with its resource, every scope and every span status set (empty when they
   * were absent). Grafana's trace view dereferences all three, and Tempo always sets them.
   */
  public static ResourceSpans normalize(ResourceSpans rs) {
    if (isNormal(rs)) {
      return rs;
    }
    ResourceSpans.Builder b = rs.toBuilder();
    if (!b.hasResource()) {
      b.setResource(Resource.getDefaultInstance());
    }
    for (ScopeSpans.Builder ss : b.getScopeSpansBuilderList()) {
      if (!ss.hasScope()) {
        ss.setScope(InstrumentationScope.getDefaultInstance());
      }
      for (Span.Builder span : ss.getSpansBuilderList()) {
        if (!span.hasStatus()) {
          span.setStatus(Status.getDefaultInstance());
        }
      }
    }
    return b.build();
  }

  private static boolean isNormal(ResourceSpans rs) {
    if (!rs.hasResource()) {
      return false;
    }
    for (ScopeSpans ss : rs.getScopeSpansList()) {
      if (!ss.hasScope()) {
        return false;
      }
      for (Span span : ss.getSpansList()) {
        if (!span.hasStatus()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Returns the number of spans in {@code batches}. */
  public static int spanCount(List<ResourceSpans> batches) {
    int n = 0;
    for (ResourceSpans rs : batches) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        n += ss.getSpansCount();
      }
    }
    return n;
  }

  private Traces() {}
}
