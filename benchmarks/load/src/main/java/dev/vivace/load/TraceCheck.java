package dev.vivace.load;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a trace read back with the one generated, as Tempo's vulture does: every span sent must
 * be there, nothing else may be, and each span must match what was sent in its service, name,
 * parent, kind, times, status and numbers of attributes, events and links (values may be re-encoded
 * by a backend, so they are not compared byte for byte).
 */
final class TraceCheck {

  enum Outcome {
    COMPLETE,
    MISSING,
    INCOMPLETE,
    WRONG
  }

  /** The verdict on one trace, with span counts behind it. */
  record Verdict(
      Outcome outcome, int expectedSpans, int missingSpans, int extraSpans, int mismatchedSpans) {
    String describe() {
      return outcome
          + " (expected "
          + expectedSpans
          + " spans: "
          + missingSpans
          + " missing, "
          + extraSpans
          + " unexpected, "
          + mismatchedSpans
          + " different)";
    }
  }

  private record Shape(
      String service,
      String name,
      ByteString parent,
      int kind,
      long start,
      long end,
      int status,
      int attributes,
      int events,
      int links) {
    static Shape of(String service, Span s) {
      return new Shape(
          service,
          s.getName(),
          s.getParentSpanId(),
          s.getKindValue(),
          s.getStartTimeUnixNano(),
          s.getEndTimeUnixNano(),
          s.getStatus().getCodeValue(),
          s.getAttributesCount(),
          s.getEventsCount(),
          s.getLinksCount());
    }
  }

  private TraceCheck() {}

  static Verdict check(GeneratedTrace expected, List<ResourceSpans> actual) {
    Map<ByteString, Shape> want = shapes(expected.batches());
    if (actual.isEmpty()) {
      return new Verdict(Outcome.MISSING, want.size(), want.size(), 0, 0);
    }
    Set<ByteString> seen = new HashSet<>();
    int extra = 0;
    int mismatched = 0;
    ByteString traceId = expected.traceId();
    for (ResourceSpans rs : actual) {
      String service = serviceName(rs);
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          Shape w = want.get(s.getSpanId());
          if (w == null || !seen.add(s.getSpanId()) || !s.getTraceId().equals(traceId)) {
            extra++;
          } else if (!w.equals(Shape.of(service, s))) {
            mismatched++;
          }
        }
      }
    }
    int missing = want.size() - seen.size();
    Outcome outcome;
    if (seen.isEmpty() && extra == 0) {
      outcome = Outcome.MISSING;
    } else if (extra > 0 || mismatched > 0) {
      outcome = Outcome.WRONG;
    } else if (missing > 0) {
      outcome = Outcome.INCOMPLETE;
    } else {
      outcome = Outcome.COMPLETE;
    }
    return new Verdict(outcome, want.size(), missing, extra, mismatched);
  }

  private static Map<ByteString, Shape> shapes(List<ResourceSpans> batches) {
    Map<ByteString, Shape> m = new HashMap<>();
    for (ResourceSpans rs : batches) {
      String service = serviceName(rs);
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          m.put(s.getSpanId(), Shape.of(service, s));
        }
      }
    }
    return m;
  }

  private static String serviceName(ResourceSpans rs) {
    for (KeyValue kv : rs.getResource().getAttributesList()) {
      if (kv.getKey().equals("service.name")) {
        return kv.getValue().getStringValue();
      }
    }
    return "";
  }
}
