package dev.vivace.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import dev.vivace.load.SampleTraces;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one OTLP export request of about 512 realistic spans, as the receivers do: protobuf with
 * the generated parser, OTLP/JSON with Vivace's {@code OtlpJson} (hex IDs, enum names). The score
 * is per span. In this package to reach the package-private parser.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class OtlpDecodeBenchmark {

  static final int SPANS = 512;

  byte[] protobuf = new byte[0];
  byte[] json = new byte[0];
  int spans;

  @Setup
  public void setup() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addAllResourceSpans(SampleTraces.of(1, 0).batchesWithAtLeast(SPANS))
            .build();
    spans =
        request.getResourceSpansList().stream()
            .flatMap(rs -> rs.getScopeSpansList().stream())
            .mapToInt(ss -> ss.getSpansCount())
            .sum();
    protobuf = request.toByteArray();
    json = hexIds(JsonFormat.printer().omittingInsignificantWhitespace().print(request));
    if (OtlpJson.parse(json).getResourceSpansCount() != request.getResourceSpansCount()) {
      throw new IllegalStateException("OTLP/JSON fixture does not round-trip");
    }
    System.out.printf(
        "%n[fixture] %d spans: protobuf %d bytes, OTLP/JSON %d bytes%n",
        spans, protobuf.length, json.length);
  }

  /** Rewrites proto3 JSON's base64 IDs as OTLP/JSON's hex ones. */
  private static byte[] hexIds(String protoJson) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(protoJson);
    for (JsonNode rs : root.path("resourceSpans")) {
      for (JsonNode ss : rs.path("scopeSpans")) {
        for (JsonNode span : ss.path("spans")) {
          hex((ObjectNode) span, "traceId");
          hex((ObjectNode) span, "spanId");
          hex((ObjectNode) span, "parentSpanId");
          for (JsonNode link : span.path("links")) {
            hex((ObjectNode) link, "traceId");
            hex((ObjectNode) link, "spanId");
          }
        }
      }
    }
    return mapper.writeValueAsBytes(root);
  }

  private static void hex(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    if (v != null) {
      node.put(field, HexFormat.of().formatHex(Base64.getDecoder().decode(v.asText())));
    }
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public ExportTraceServiceRequest protobuf() throws Exception {
    return ExportTraceServiceRequest.parseFrom(protobuf);
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public ExportTraceServiceRequest json() {
    return OtlpJson.parse(json);
  }
}
