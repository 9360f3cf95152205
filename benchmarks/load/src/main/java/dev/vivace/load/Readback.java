package dev.vivace.load;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.WebClientBuilder;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The checking phase: optionally asks the backend to flush ({@code POST /flush}), then reads
 * acknowledged traces back by ID through Tempo's HTTP API as protobuf and checks each against its
 * regenerated original. Bounded by a trace count and by a deadline.
 */
final class Readback implements AutoCloseable {

  /** The outcome of the checking phase. */
  record Result(
      long checked,
      Map<TraceCheck.Outcome, Long> outcomes,
      long errors,
      Latencies.Summary lookupLatency,
      List<String> examples,
      long flushMillis,
      String flushError) {

    long problems() {
      return checked - outcomes.getOrDefault(TraceCheck.Outcome.COMPLETE, 0L);
    }
  }

  private static final int MAX_EXAMPLES = 10;

  private final LoadOptions options;
  private final ClientFactory factory = ClientFactory.builder().build();
  private final WebClient client;

  Readback(LoadOptions options, URI queryEndpoint) {
    this.options = options;
    URI uri = queryEndpoint;
    if (options.http1()) {
      uri = URI.create(uri.toString().replaceFirst("^http:", "h1c:"));
    }
    WebClientBuilder b =
        WebClient.builder(uri)
            .factory(factory)
            .responseTimeout(options.requestTimeout())
            .maxResponseLength(256L * 1024 * 1024);
    if (options.tenant() != null) {
      b.addHeader("X-Scope-OrgID", options.tenant());
    }
    this.client = b.build();
  }

  Result run(TraceGenerator generator, List<TraceRecord> sent, Progress progress)
      throws InterruptedException {
    long flushMillis = -1;
    String flushError = "";
    if (options.flush()) {
      progress.phase("flush");
      long t0 = System.nanoTime();
      try {
        AggregatedHttpResponse res =
            client
                .prepare()
                .post("/flush")
                .responseTimeout(Duration.ofMinutes(5))
                .execute()
                .aggregate()
                .join();
        if (!res.status().isSuccess()) {
          flushError = "POST /flush answered " + res.status().code();
        }
      } catch (RuntimeException e) {
        flushError = "POST /flush failed: " + OtlpSender.describe(e);
      }
      flushMillis = (System.nanoTime() - t0) / 1_000_000;
    }
    progress.phase("readback");
    List<TraceRecord> acked = new ArrayList<>();
    for (TraceRecord r : sent) {
      if (r.fullyAcknowledged()) {
        acked.add(r);
      }
    }
    int limit = options.readbackLimit();
    List<TraceRecord> chosen = new ArrayList<>();
    if (limit > 0 && !acked.isEmpty()) {
      double step = Math.max(1.0, acked.size() / (double) limit);
      for (double i = 0; i < acked.size() && chosen.size() < limit; i += step) {
        chosen.add(acked.get((int) i));
      }
    }
    Map<TraceCheck.Outcome, Long> outcomes = new EnumMap<>(TraceCheck.Outcome.class);
    List<String> examples = new ArrayList<>();
    long[] errors = {0};
    Latencies latency = new Latencies();
    Semaphore inFlight = new Semaphore(options.readbackConcurrency());
    String path = options.queryV2() ? "/api/v2/traces/" : "/api/traces/";
    for (TraceRecord r : chosen) {
      GeneratedTrace expected = generator.generate(r.index);
      inFlight.acquire();
      long t0 = System.nanoTime();
      RequestHeaders headers =
          RequestHeaders.builder(HttpMethod.GET, path + expected.traceIdHex())
              .set(HttpHeaderNames.ACCEPT, "application/protobuf")
              .build();
      // The callback records every outcome itself; nothing waits for the future it returns.
      CompletableFuture<?> unused =
          client
              .execute(headers)
              .aggregate()
              .whenComplete(
                  (res, t) -> {
                    try {
                      latency.record(System.nanoTime() - t0);
                      String problem = null;
                      if (t != null) {
                        problem = "error " + OtlpSender.describe(t);
                      } else if (res.status().equals(HttpStatus.NOT_FOUND)) {
                        record(outcomes, TraceCheck.Outcome.MISSING);
                        problem = "MISSING (404)";
                      } else if (!res.status().equals(HttpStatus.OK)) {
                        problem = "error HTTP " + res.status().code();
                      } else {
                        try {
                          TraceCheck.Verdict v =
                              TraceCheck.check(expected, parse(res.content().array()));
                          record(outcomes, v.outcome());
                          if (v.outcome() != TraceCheck.Outcome.COMPLETE) {
                            problem = v.describe();
                          }
                        } catch (IOException e) {
                          problem = "error unreadable body";
                        }
                      }
                      if (problem != null && problem.startsWith("error")) {
                        synchronized (errors) {
                          errors[0]++;
                        }
                      }
                      progress.checked(problem == null);
                      if (problem != null) {
                        synchronized (examples) {
                          if (examples.size() < MAX_EXAMPLES) {
                            examples.add(expected.traceIdHex() + ": " + problem);
                          }
                        }
                      }
                    } finally {
                      inFlight.release();
                    }
                  });
    }
    long waitMillis = options.requestTimeout().toMillis() + 5_000;
    inFlight.tryAcquire(options.readbackConcurrency(), waitMillis, TimeUnit.MILLISECONDS);
    synchronized (outcomes) {
      synchronized (errors) {
        return new Result(
            chosen.size(),
            Map.copyOf(outcomes),
            errors[0],
            latency.summary(),
            List.copyOf(examples),
            flushMillis,
            flushError);
      }
    }
  }

  private static void record(Map<TraceCheck.Outcome, Long> outcomes, TraceCheck.Outcome o) {
    synchronized (outcomes) {
      outcomes.merge(o, 1L, Long::sum);
    }
  }

  /**
   * Reads a v1 {@code tempopb.Trace} or v2 {@code TraceByIDResponse} (whose field 1 is the trace).
   */
  private List<ResourceSpans> parse(byte[] body) throws IOException {
    if (!options.queryV2()) {
      return TracesData.parseFrom(body).getResourceSpansList();
    }
    CodedInputStream in = CodedInputStream.newInstance(body);
    List<ResourceSpans> spans = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (WireFormat.getTagFieldNumber(tag) == 1
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        spans.addAll(TracesData.parseFrom(in.readBytes()).getResourceSpansList());
      } else {
        in.skipField(tag);
      }
    }
    return spans;
  }

  @Override
  public void close() {
    factory.close();
  }
}
