package dev.vivace.load;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * The load tool's realistic traces for other tools (the JMH benchmarks): the same generator,
 * seeded, so benchmarks and load runs measure the same data.
 */
public final class SampleTraces {

  private final TraceGenerator generator;

  private SampleTraces(long seed, double largeTraceRatio) {
    this.generator = new TraceGenerator(seed, 1_700_000_000_000_000_000L, largeTraceRatio);
  }

  /**
   * Returns the traces of {@code seed}, with 1,000–3,000-span traces at {@code largeTraceRatio}.
   */
  public static SampleTraces of(long seed, double largeTraceRatio) {
    return new SampleTraces(seed, largeTraceRatio);
  }

  /** One generated trace: its 16-byte ID and its spans grouped by service. */
  public record Trace(ByteString traceId, List<ResourceSpans> batches, int spanCount) {
    public Trace {
      batches = List.copyOf(batches);
    }

    /** Returns a copy of the 16 bytes of the trace ID. */
    public byte[] traceIdBytes() {
      return traceId.toByteArray();
    }
  }

  /** Returns trace {@code index}; always the same for the same seed. */
  public Trace trace(long index) {
    GeneratedTrace t = generator.generate(index);
    return new Trace(t.traceId(), t.batches(), t.spanCount());
  }

  /** Returns the resource spans of consecutive traces from index 0 until at least {@code spans}. */
  public List<ResourceSpans> batchesWithAtLeast(int spans) {
    List<ResourceSpans> out = new ArrayList<>();
    int n = 0;
    for (long i = 0; n < spans; i++) {
      Trace t = trace(i);
      out.addAll(t.batches());
      n += t.spanCount();
    }
    return out;
  }
}
