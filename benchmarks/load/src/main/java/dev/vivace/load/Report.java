package dev.vivace.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The summary of a run, as text for people and JSON for scripts. */
record Report(LoadOptions options, IngestRun.Result ingest, Readback.@Nullable Result readback) {

  long acknowledgedTraces() {
    return ingest.traces().stream().filter(TraceRecord::fullyAcknowledged).count();
  }

  double seconds() {
    return Math.max(1e-9, ingest.elapsed().toNanos() / 1e9);
  }

  double spansPerSecond() {
    return ingest.acceptedSpans() / seconds();
  }

  double megabytesPerSecond() {
    return ingest.acceptedBytes() / 1e6 / seconds();
  }

  /** True when something was acknowledged and every trace read back was complete. */
  boolean passed() {
    return ingest.acceptedSpans() > 0 && (readback == null || readback.problems() == 0);
  }

  /** 0 when {@link #passed()}, 1 otherwise. */
  int exitCode() {
    return passed() ? 0 : 1;
  }

  private long outcome(TraceCheck.Outcome o) {
    return readback == null ? 0 : readback.outcomes().getOrDefault(o, 0L);
  }

  String toText() {
    StringBuilder b = new StringBuilder();
    Latencies.Summary ack = ingest.ackLatency();
    b.append(
        String.format(
            Locale.ROOT,
            "target      %s (%s)%s, seed %d%n",
            options.otlpEndpoint(),
            options.protocol().name().toLowerCase(Locale.ROOT),
            options.tenant() == null ? "" : ", tenant " + options.tenant(),
            options.seed()));
    b.append(
        String.format(
            Locale.ROOT,
            "sent        %,d traces, %,d spans in %,d requests (%d failed) over %.1f s%n",
            ingest.traces().size(),
            ingest.sentSpans(),
            ingest.requests(),
            ingest.failedRequests(),
            seconds()));
    b.append(
        String.format(
            Locale.ROOT,
            "accepted    %,d spans (%,.0f spans/s, %.2f MB/s of OTLP protobuf), %,d traces fully "
                + "acknowledged, %,d spans refused%n",
            ingest.acceptedSpans(),
            spansPerSecond(),
            megabytesPerSecond(),
            acknowledgedTraces(),
            ingest.refusedSpans()));
    b.append(
        String.format(
            Locale.ROOT,
            "ack latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
            ack.p50Ms(),
            ack.p99Ms(),
            ack.maxMs()));
    if (!ingest.errors().isEmpty()) {
      b.append("errors      ").append(ingest.errors()).append('\n');
    }
    if (readback != null) {
      if (readback.flushMillis() >= 0) {
        b.append(
            String.format(
                Locale.ROOT,
                "flush       %d ms%s%n",
                readback.flushMillis(),
                readback.flushError().isEmpty() ? "" : " (" + readback.flushError() + ")"));
      }
      Latencies.Summary look = readback.lookupLatency();
      b.append(
          String.format(
              Locale.ROOT,
              "read back   %,d traces: %,d complete, %,d missing, %,d incomplete, %,d wrong, %,d"
                  + " errors (%.2f%% complete)%n",
              readback.checked(),
              outcome(TraceCheck.Outcome.COMPLETE),
              outcome(TraceCheck.Outcome.MISSING),
              outcome(TraceCheck.Outcome.INCOMPLETE),
              outcome(TraceCheck.Outcome.WRONG),
              readback.errors(),
              completePercent()));
      b.append(
          String.format(
              Locale.ROOT,
              "lookup      p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
              look.p50Ms(),
              look.p99Ms(),
              look.maxMs()));
      for (String e : readback.examples()) {
        b.append("  problem   ").append(e).append('\n');
      }
    }
    b.append(passed() ? "RESULT      PASS\n" : "RESULT      FAIL\n");
    return b.toString();
  }

  private double completePercent() {
    if (readback == null || readback.checked() == 0) {
      return 0;
    }
    return 100.0 * outcome(TraceCheck.Outcome.COMPLETE) / readback.checked();
  }

  String toJson() {
    List<String> f = new ArrayList<>();
    f.add(field("target", options.otlpEndpoint().toString()));
    f.add(field("protocol", options.protocol().name().toLowerCase(Locale.ROOT)));
    f.add(field("seed", options.seed()));
    f.add(field("tracesSent", ingest.traces().size()));
    f.add(field("tracesAcknowledged", acknowledgedTraces()));
    f.add(field("spansSent", ingest.sentSpans()));
    f.add(field("spansAccepted", ingest.acceptedSpans()));
    f.add(field("spansRefused", ingest.refusedSpans()));
    f.add(field("requests", ingest.requests()));
    f.add(field("requestsFailed", ingest.failedRequests()));
    f.add(field("seconds", round(seconds())));
    f.add(field("spansPerSecond", round(spansPerSecond())));
    f.add(field("megabytesPerSecond", round(megabytesPerSecond())));
    f.add("\"ackLatencyMs\":" + latency(ingest.ackLatency()));
    StringBuilder errs = new StringBuilder("{");
    for (Map.Entry<String, Long> e : ingest.errors().entrySet()) {
      if (errs.length() > 1) {
        errs.append(',');
      }
      errs.append(quote(e.getKey())).append(':').append(e.getValue());
    }
    f.add("\"errors\":" + errs.append('}'));
    if (readback != null) {
      List<String> r = new ArrayList<>();
      r.add(field("checked", readback.checked()));
      for (TraceCheck.Outcome o : TraceCheck.Outcome.values()) {
        r.add(field(o.name().toLowerCase(Locale.ROOT), outcome(o)));
      }
      r.add(field("errors", readback.errors()));
      r.add(field("completePercent", round(completePercent())));
      r.add(field("flushMillis", readback.flushMillis()));
      r.add("\"lookupLatencyMs\":" + latency(readback.lookupLatency()));
      List<String> ex = readback.examples().stream().map(Report::quote).toList();
      r.add("\"examples\":[" + String.join(",", ex) + "]");
      f.add("\"readback\":{" + String.join(",", r) + "}");
    }
    f.add(field("passed", passed()));
    return "{" + String.join(",", f) + "}";
  }

  private static String latency(Latencies.Summary s) {
    return "{"
        + field("count", s.count())
        + ","
        + field("p50", s.p50Ms())
        + ","
        + field("p99", s.p99Ms())
        + ","
        + field("max", s.maxMs())
        + "}";
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String field(String k, Object v) {
    return quote(k) + ":" + (v instanceof String s ? quote(s) : String.valueOf(v));
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
