package dev.vivace.testing.search;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * TraceQL conformance: a deterministic data set of four traces and a table of queries with the
 * trace and span IDs each must return, written out by hand from the data (not computed by the
 * evaluator under test). Every tier runs the same table.
 *
 * <p>The data: trace {@link #A} {@code frontend → checkout → payment} with an error, an event and a
 * link; trace {@link #B} {@code frontend → cart}; trace {@link #C}, payment spans whose root was
 * never received, 2 s long; trace {@link #D}, one email producer span with its own instrumentation
 * scope. Span IDs are {@code 00000000000000xx} where {@code xx} is the name used in the table
 * ({@code a1}, {@code b2}, ...). Every span starts within [{@link #T}, {@link #T} + 60 s].
 */
public final class SearchConformance {

  /** Seconds: the data lies in the minute after this. */
  public static final long T = 1_700_000_000L;

  static final long MS = 1_000_000L;
  static final long S = 1_000 * MS;

  /** Trace IDs. */
  public static final String A = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a";

  /** Trace IDs. */
  public static final String B = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";

  /** Trace IDs. */
  public static final String C = "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c";

  /** Trace IDs. */
  public static final String D = "0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d";

  private static final Pattern SETS = Pattern.compile("\\|");
  private static final Pattern SPACES = Pattern.compile(" +");

  private SearchConformance() {}

  /**
   * Query → trace ID (32 hex digits) → its span sets, each the sorted short names of its spans
   * ({@code a1}); span sets sorted by their first span.
   */
  private static final Map<String, Map<String, List<List<String>>>> TABLE = new LinkedHashMap<>();

  /** The table: query → expected result, in the shape {@link #result} gives. */
  public static Map<String, Map<String, List<List<String>>>> table() {
    return Collections.unmodifiableMap(TABLE);
  }

  /**
   * Normalises a result for comparison with {@link #table()}: {@code found} maps a trace ID (hex,
   * leading zeros trimmed or not) to its span sets, each a list of 16-hex-digit span IDs.
   */
  public static Map<String, List<List<String>>> result(Map<String, List<List<String>>> found) {
    Map<String, List<List<String>>> out = new TreeMap<>();
    found.forEach(
        (trace, sets) -> {
          List<List<String>> normal = new ArrayList<>();
          for (List<String> set : sets) {
            TreeSet<String> ids = new TreeSet<>();
            for (String id : set) {
              ids.add(id.substring(id.length() - 2));
            }
            normal.add(new ArrayList<>(ids));
          }
          normal.sort((x, y) -> x.get(0).compareTo(y.get(0)));
          out.put("0".repeat(32 - trace.length()) + trace, normal);
        });
    return out;
  }

  static {
    // Selectors, every scope and operator.
    expect("{}", A, "a1 a2 a3 a4", B, "b1 b2 b3", C, "c1 c2", D, "d1");
    expect("{ true }", A, "a1 a2 a3 a4", B, "b1 b2 b3", C, "c1 c2", D, "d1");
    expect("{resource.service.name=\"checkout\"}", A, "a2 a4");
    expect("{resource.service.name!=\"frontend\"}", A, "a2 a3 a4", B, "b2 b3", C, "c1 c2", D, "d1");
    expect("{.service.name=\"cart\"}", B, "b2 b3");
    expect("{resource.deployment.environment=\"prod\"}", A, "a1");
    expect("{span.http.status_code=200}", A, "a1", B, "b1");
    expect("{span.http.status_code>=500}", C, "c1");
    expect("{span.http.status_code<300}", A, "a1", B, "b1");
    expect("{.http.status_code>200}", C, "c1");
    expect("{span.http.status_code<=200 && span.http.status_code>100}", A, "a1", B, "b1");
    expect("{span.app.amount>10.0}", A, "a2");
    expect("{span.app.amount<12.5}");
    expect("{span.app.retry=false}", A, "a2");
    expect("{span.app.items=3}", D, "d1");
    expect("{span.app.items * 2 = 6}", D, "d1");
    expect("{span.messaging.system!=nil}", D, "d1");
    expect("{span.messaging.system=nil}", A, "a1 a2 a3 a4", B, "b1 b2 b3", C, "c1 c2");
    expect("{name=\"Charge\"}", A, "a3", C, "c1");
    expect("{name=~\"GET .*\"}", A, "a1", B, "b1");
    expect("{name=~\"GET\"}");
    expect("{name!~\"GET.*\"}", A, "a2 a3 a4", B, "b2 b3", C, "c1 c2", D, "d1");
    expect("{status=error}", A, "a3", C, "c1");
    expect("{status=ok}", A, "a2");
    expect("{status=unset}", A, "a1 a4", B, "b1 b2 b3", C, "c2", D, "d1");
    expect("{status!=unset}", A, "a2 a3", C, "c1");
    expect("{!(status=error)}", A, "a1 a2 a4", B, "b1 b2 b3", C, "c2", D, "d1");
    expect("{statusMessage=\"card declined\"}", A, "a3");
    expect("{kind=server}", A, "a1 a2", B, "b1 b2", C, "c1");
    expect("{kind=client}", A, "a3", B, "b3");
    expect("{kind=producer}", D, "d1");
    expect("{span:kind=internal}", A, "a4", C, "c2");
    expect("{duration>400ms}", A, "a1", C, "c1 c2");
    expect("{duration>=1s}", C, "c1 c2");
    expect("{duration<10ms}", B, "b3");
    expect("{span:duration<=10ms}", B, "b3", D, "d1");
    expect("{traceDuration>1s}", C, "c1 c2");
    expect("{trace:duration<100ms}", B, "b1 b2 b3", D, "d1");
    expect("{rootName=\"GET /cart\"}", B, "b1 b2 b3");
    expect("{rootServiceName=\"frontend\"}", A, "a1 a2 a3 a4", B, "b1 b2 b3");
    expect("{trace:rootService=\"email\"}", D, "d1");
    expect("{span:id=\"00000000000000a3\"}", A, "a3");
    expect("{span:parentID=\"00000000000000a2\"}", A, "a3 a4");
    expect("{trace:id=\"" + A + "\"}", A, "a1 a2 a3 a4");
    expect("{event:name=\"exception\"}", A, "a3");
    expect("{event.exception.type=\"CardError\"}", A, "a3");
    expect("{link.link.reason=\"batch\"}", A, "a4");
    expect("{link:spanID=\"00000000000000b1\"}", A, "a4");
    expect("{link:traceID=\"" + B + "\"}", A, "a4");
    expect("{instrumentation:name=\"io.opentelemetry.ruby\"}", D, "d1");
    expect("{instrumentation:version=\"1.2.0\"}", D, "d1");
    expect("{instrumentation.library.lang=\"ruby\"}", D, "d1");
    expect(
        "{resource.service.name=\"payment\" || resource.service.name=\"email\"}",
        A,
        "a3",
        C,
        "c1 c2",
        D,
        "d1");
    // Span-set operators.
    expect("{resource.service.name=\"checkout\"} && {status=error}", A, "a2 a3 a4");
    expect("{name=\"GetCart\"} || {name=\"send_email\"}", B, "b2", D, "d1");
    // Structural operators.
    expect("{name=\"PlaceOrder\"} > {}", A, "a3 a4");
    expect("{resource.service.name=\"frontend\"} >> {status=error}", A, "a3");
    expect("{name=\"HGET\"} << {}", B, "b1 b2");
    expect("{name=\"Charge\"} < {}", A, "a2");
    expect("{name=\"prepareOrderItems\"} ~ {}", A, "a3");
    expect(
        "{name=\"PlaceOrder\"} !> {span:parentID=\"00000000000000a2\" || name=\"PlaceOrder\"}",
        A,
        "a2");
    expect("{name=\"PlaceOrder\"} &> {status=error}", A, "a2 a3");
    // Pipelines.
    expect("{} | count() > 3", A, "a1 a2 a3 a4");
    expect("{resource.service.name=\"payment\"} | avg(duration) > 1s", C, "c1 c2");
    expect("{} | max(duration) >= 2s", C, "c1 c2");
    expect("{} | min(duration) < 6ms", B, "b1 b2 b3");
    expect("{} | sum(duration) > 900ms", A, "a1 a2 a3 a4", C, "c1 c2");
    expect("{} | by(resource.service.name)", A, "a1|a2 a4|a3", B, "b1|b2 b3", C, "c1 c2", D, "d1");
    expect("{} | by(resource.service.name) | count() > 1", A, "a2 a4", B, "b2 b3", C, "c1 c2");
    expect(
        "{} | by(resource.service.name) | coalesce()",
        A,
        "a1 a2 a3 a4",
        B,
        "b1 b2 b3",
        C,
        "c1 c2",
        D,
        "d1");
    expect("{status=error} | select(span.http.status_code)", A, "a3", C, "c1");
    expect("{} | {status=error}", A, "a3", C, "c1");
  }

  /** Pairs of trace and span sets; span sets are separated by '|'. */
  private static void expect(String query, String... traceAndSets) {
    Map<String, List<List<String>>> traces = new TreeMap<>();
    for (int i = 0; i < traceAndSets.length; i += 2) {
      List<List<String>> sets = new ArrayList<>();
      for (String set : SETS.splitAsStream(traceAndSets[i + 1]).toList()) {
        sets.add(new ArrayList<>(new TreeSet<>(SPACES.splitAsStream(set.trim()).toList())));
      }
      sets.sort((x, y) -> x.get(0).compareTo(y.get(0)));
      traces.put(traceAndSets[i], sets);
    }
    TABLE.put(query, traces);
  }

  // The data set.

  private static ByteString traceId(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  private static ByteString spanId(String name) {
    return ByteString.copyFrom(HexFormat.of().parseHex("00000000000000" + name));
  }

  private static KeyValue kv(String key, Object value) {
    AnyValue.Builder v = AnyValue.newBuilder();
    if (value instanceof String s) {
      v.setStringValue(s);
    } else if (value instanceof Long l) {
      v.setIntValue(l);
    } else if (value instanceof Integer i) {
      v.setIntValue(i);
    } else if (value instanceof Double d) {
      v.setDoubleValue(d);
    } else if (value instanceof Boolean b) {
      v.setBoolValue(b);
    }
    return KeyValue.newBuilder().setKey(key).setValue(v).build();
  }

  private static Span.Builder span(
      String trace,
      String id,
      String parent,
      String name,
      Span.SpanKind kind,
      long start,
      long duration) {
    Span.Builder s =
        Span.newBuilder()
            .setTraceId(traceId(trace))
            .setSpanId(spanId(id))
            .setName(name)
            .setKind(kind)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + duration);
    if (!parent.isEmpty()) {
      s.setParentSpanId(spanId(parent));
    }
    return s;
  }

  private static ResourceSpans batch(
      Resource resource, InstrumentationScope scope, Span.Builder... spans) {
    ScopeSpans.Builder ss = ScopeSpans.newBuilder().setScope(scope);
    for (Span.Builder s : spans) {
      ss.addSpans(s);
    }
    return ResourceSpans.newBuilder().setResource(resource).addScopeSpans(ss).build();
  }

  private static Resource service(String name, KeyValue... more) {
    return Resource.newBuilder()
        .addAttributes(kv("service.name", name))
        .addAllAttributes(List.of(more))
        .build();
  }

  /** The data set, as one OTLP request. */
  public static ExportTraceServiceRequest dataSet() {
    InstrumentationScope otel =
        InstrumentationScope.newBuilder()
            .setName("io.opentelemetry.java")
            .setVersion("1.44.0")
            .build();
    Status error = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).build();
    long a = T * S + 10 * S;
    long b = T * S + 20 * S;
    long c = T * S + 30 * S;
    long d = T * S + 40 * S;
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            batch(
                service("frontend", kv("deployment.environment", "prod")),
                otel,
                span(A, "a1", "", "GET /checkout", Span.SpanKind.SPAN_KIND_SERVER, a, 500 * MS)
                    .addAttributes(kv("http.method", "GET"))
                    .addAttributes(kv("http.status_code", 200L))))
        .addResourceSpans(
            batch(
                service("checkout"),
                otel,
                span(
                        A,
                        "a2",
                        "a1",
                        "PlaceOrder",
                        Span.SpanKind.SPAN_KIND_SERVER,
                        a + 10 * MS,
                        300 * MS)
                    .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
                    .addAttributes(kv("app.amount", 12.5))
                    .addAttributes(kv("app.retry", false)),
                span(
                        A,
                        "a4",
                        "a2",
                        "prepareOrderItems",
                        Span.SpanKind.SPAN_KIND_INTERNAL,
                        a + 20 * MS,
                        20 * MS)
                    .addLinks(
                        Span.Link.newBuilder()
                            .setTraceId(traceId(B))
                            .setSpanId(spanId("b1"))
                            .addAttributes(kv("link.reason", "batch")))))
        .addResourceSpans(
            batch(
                service("payment"),
                otel,
                span(A, "a3", "a2", "Charge", Span.SpanKind.SPAN_KIND_CLIENT, a + 50 * MS, 120 * MS)
                    .setStatus(error.toBuilder().setMessage("card declined"))
                    .addEvents(
                        Span.Event.newBuilder()
                            .setName("exception")
                            .setTimeUnixNano(a + 60 * MS)
                            .addAttributes(kv("exception.type", "CardError")))))
        .addResourceSpans(
            batch(
                service("frontend"),
                otel,
                span(B, "b1", "", "GET /cart", Span.SpanKind.SPAN_KIND_SERVER, b, 80 * MS)
                    .addAttributes(kv("http.method", "GET"))
                    .addAttributes(kv("http.status_code", 200L))))
        .addResourceSpans(
            batch(
                service("cart"),
                otel,
                span(B, "b2", "b1", "GetCart", Span.SpanKind.SPAN_KIND_SERVER, b + 10 * MS, 30 * MS)
                    .addAttributes(kv("db.system", "redis")),
                span(B, "b3", "b2", "HGET", Span.SpanKind.SPAN_KIND_CLIENT, b + 20 * MS, 5 * MS)))
        .addResourceSpans(
            batch(
                service("payment"),
                otel,
                span(C, "c1", "ff", "Charge", Span.SpanKind.SPAN_KIND_SERVER, c, 2 * S)
                    .setStatus(error)
                    .addAttributes(kv("http.status_code", 500L)),
                span(
                    C,
                    "c2",
                    "c1",
                    "validateCard",
                    Span.SpanKind.SPAN_KIND_INTERNAL,
                    c + 100 * MS,
                    S)))
        .addResourceSpans(
            batch(
                service("email"),
                InstrumentationScope.newBuilder()
                    .setName("io.opentelemetry.ruby")
                    .setVersion("1.2.0")
                    .addAttributes(kv("library.lang", "ruby"))
                    .build(),
                span(D, "d1", "", "send_email", Span.SpanKind.SPAN_KIND_PRODUCER, d, 10 * MS)
                    .addAttributes(kv("messaging.system", "kafka"))
                    .addAttributes(kv("app.items", 3L))))
        .build();
  }
}
