package dev.vivace.load;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending phase: generates traces in order, packs their spans into export requests of about
 * {@code batchSpans} spans (a large trace spans several requests), paces them to the target rate,
 * keeps at most {@code concurrency} in flight, and records what the server acknowledged. Bounded by
 * both a trace count and a duration.
 */
final class IngestRun {

  /** The outcome of the sending phase. */
  record Result(
      List<TraceRecord> traces,
      long requests,
      long failedRequests,
      long sentSpans,
      long acceptedSpans,
      long refusedSpans,
      long acceptedBytes,
      Duration elapsed,
      Latencies.Summary ackLatency,
      Map<String, Long> errors) {}

  private record Piece(TraceRecord trace, List<ResourceSpans> batches, int spans) {}

  private final LoadOptions options;
  private final TraceGenerator generator;
  private final OtlpSender sender;
  private final Progress progress;
  private final Latencies ackLatency = new Latencies();
  private final AtomicLong failedRequests = new AtomicLong();
  private final AtomicLong refusedSpans = new AtomicLong();
  private final Map<String, Long> errors = new TreeMap<>();

  IngestRun(LoadOptions options, TraceGenerator generator, OtlpSender sender, Progress progress) {
    this.options = options;
    this.generator = generator;
    this.sender = sender;
    this.progress = progress;
  }

  Result run() throws InterruptedException {
    List<TraceRecord> traces = new ArrayList<>();
    Semaphore inFlight = new Semaphore(options.concurrency());
    long start = System.nanoTime();
    long deadline = start + options.duration().toNanos();
    List<Piece> pending = new ArrayList<>();
    int pendingSpans = 0;
    long requests = 0;
    for (long i = 0; i < options.maxTraces() && System.nanoTime() < deadline; i++) {
      GeneratedTrace t = generator.generate(i);
      List<List<ResourceSpans>> chunks = t.chunks(options.batchSpans());
      TraceRecord record = new TraceRecord(i, t.spanCount(), chunks.size());
      traces.add(record);
      for (List<ResourceSpans> chunk : chunks) {
        int spans = countSpans(chunk);
        pending.add(new Piece(record, chunk, spans));
        pendingSpans += spans;
        if (pendingSpans >= options.batchSpans()) {
          dispatch(pending, pendingSpans, start, inFlight);
          requests++;
          pending = new ArrayList<>();
          pendingSpans = 0;
        }
      }
    }
    if (!pending.isEmpty()) {
      dispatch(pending, pendingSpans, start, inFlight);
      requests++;
    }
    long waitMillis = options.requestTimeout().toMillis() + 5_000;
    if (!inFlight.tryAcquire(options.concurrency(), waitMillis, TimeUnit.MILLISECONDS)) {
      synchronized (errors) {
        errors.merge(
            "unanswered at the end",
            (long) options.concurrency() - inFlight.availablePermits(),
            Long::sum);
      }
    }
    Duration elapsed = Duration.ofNanos(progress.lastAckNanos() - start);
    Map<String, Long> errorsCopy;
    synchronized (errors) {
      errorsCopy = Map.copyOf(errors);
    }
    return new Result(
        traces,
        requests,
        failedRequests.get(),
        progress.sentSpans(),
        progress.ackedSpans(),
        refusedSpans.get(),
        progress.ackedBytes(),
        elapsed.isNegative() ? Duration.ZERO : elapsed,
        ackLatency.summary(),
        errorsCopy);
  }

  private void dispatch(List<Piece> pieces, int spans, long start, Semaphore inFlight)
      throws InterruptedException {
    if (options.rateSpansPerSecond() > 0) {
      long due = start + (long) (progress.sentSpans() * 1e9 / options.rateSpansPerSecond());
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (Piece p : pieces) {
      request.addAllResourceSpans(p.batches());
    }
    ExportTraceServiceRequest built = request.build();
    int bytes = built.getSerializedSize();
    inFlight.acquire();
    progress.sent(spans);
    long sentAt = System.nanoTime();
    // The callback accounts for every outcome itself; nothing waits for the future it returns.
    CompletableFuture<?> unused =
        sender
            .send(built)
            .whenComplete(
                (ack, t) -> {
                  try {
                    long now = System.nanoTime();
                    ackLatency.record(now - sentAt);
                    if (t == null && ack.ok()) {
                      long refused = Math.min(ack.rejectedSpans(), spans);
                      refusedSpans.addAndGet(refused);
                      progress.acked(spans - refused, bytes, now);
                      for (Piece p : pieces) {
                        p.trace().acknowledged(refused);
                      }
                    } else {
                      failedRequests.incrementAndGet();
                      progress.failed(now);
                      String why = t != null ? OtlpSender.describe(t) : ack.error();
                      synchronized (errors) {
                        errors.merge(why, 1L, Long::sum);
                      }
                      for (Piece p : pieces) {
                        p.trace().failed();
                      }
                    }
                  } finally {
                    inFlight.release();
                  }
                });
  }

  static int countSpans(List<ResourceSpans> batches) {
    int n = 0;
    for (ResourceSpans rs : batches) {
      for (var ss : rs.getScopeSpansList()) {
        n += ss.getSpansCount();
      }
    }
    return n;
  }
}
