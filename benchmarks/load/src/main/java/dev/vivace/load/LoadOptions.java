package dev.vivace.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The settings of one run, parsed from {@code --key=value} (or {@code --key value}) arguments. */
record LoadOptions(
    URI otlpEndpoint,
    Protocol protocol,
    @Nullable URI queryEndpoint,
    @Nullable String tenant,
    long seed,
    long maxTraces,
    Duration duration,
    long rateSpansPerSecond,
    int concurrency,
    int connections,
    int batchSpans,
    double largeTraceRatio,
    boolean flush,
    int readbackLimit,
    int readbackConcurrency,
    boolean queryV2,
    boolean http1,
    Duration requestTimeout,
    Duration progressInterval,
    @Nullable Path jsonOut) {

  enum Protocol {
    GRPC,
    HTTP
  }

  static final String USAGE =
      """
      Usage: java -jar vivace-load.jar [--key=value ...]

        --otlp=URL              OTLP endpoint (default http://127.0.0.1:4317 for grpc, :4318 for http)
        --protocol=grpc|http    OTLP transport (default grpc)
        --query=URL             Tempo query API to read traces back from, e.g. http://127.0.0.1:3200;
                                without it, nothing is read back
        --tenant=ID             X-Scope-OrgID sent on every request (default: none)
        --seed=N                generator seed (default: the current time, printed)
        --traces=N              at most this many traces (default 1000000)
        --duration=30s          at most this long sending (default 30s; ms, s, m)
        --rate=N                target spans per second; 0 sends flat out (default 0)
        --concurrency=N         requests in flight (default 16)
        --connections=N         client connections, requests spread over them (default 2)
        --batch-spans=N         spans per export request, as an SDK batch processor (default 512)
        --large-trace-ratio=F   fraction of traces with 1000-3000 spans (default 0.002)
        --flush                 POST /flush on the query endpoint before reading back
        --readback=N            read back at most N acknowledged traces, spread over the run
                                (default 2000; 0 reads none)
        --readback-concurrency=N  lookups in flight (default 4)
        --query-api=v1|v2       /api/traces or /api/v2/traces (default v1)
        --http1                 force HTTP/1.1 for OTLP/HTTP and queries (default: h2c when offered)
        --timeout=30s           per-request timeout
        --progress=5s           progress line interval on stderr
        --json=PATH             also write the report as JSON to PATH
      """;

  static LoadOptions parse(String... args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("argument: " + a + " (expected: --key=value)");
      }
      String key;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        key = a.substring(2, eq);
        value = a.substring(eq + 1);
      } else if (a.equals("--flush") || a.equals("--http1") || a.equals("--help")) {
        key = a.substring(2);
        value = "true";
      } else if (i + 1 < args.length) {
        key = a.substring(2);
        value = args[++i];
      } else {
        throw new IllegalArgumentException("argument: " + a + " (expected: a value)");
      }
      m.put(key, value);
    }
    Protocol protocol =
        Protocol.valueOf(m.getOrDefault("protocol", "grpc").toUpperCase(Locale.ROOT));
    String defaultOtlp =
        protocol == Protocol.GRPC ? "http://127.0.0.1:4317" : "http://127.0.0.1:4318";
    String query = m.remove("query");
    String json = m.remove("json");
    LoadOptions o =
        new LoadOptions(
            URI.create(m.getOrDefault("otlp", defaultOtlp)),
            protocol,
            query == null ? null : URI.create(query),
            m.get("tenant"),
            Long.parseLong(m.getOrDefault("seed", Long.toString(System.currentTimeMillis()))),
            positive("traces", Long.parseLong(m.getOrDefault("traces", "1000000"))),
            duration("duration", m.getOrDefault("duration", "30s")),
            nonNegative("rate", Long.parseLong(m.getOrDefault("rate", "0"))),
            (int) positive("concurrency", Integer.parseInt(m.getOrDefault("concurrency", "16"))),
            (int) positive("connections", Integer.parseInt(m.getOrDefault("connections", "2"))),
            (int) positive("batch-spans", Integer.parseInt(m.getOrDefault("batch-spans", "512"))),
            Double.parseDouble(m.getOrDefault("large-trace-ratio", "0.002")),
            Boolean.parseBoolean(m.getOrDefault("flush", "false")),
            (int) nonNegative("readback", Integer.parseInt(m.getOrDefault("readback", "2000"))),
            (int)
                positive(
                    "readback-concurrency",
                    Integer.parseInt(m.getOrDefault("readback-concurrency", "4"))),
            queryApi(m.getOrDefault("query-api", "v1")),
            Boolean.parseBoolean(m.getOrDefault("http1", "false")),
            duration("timeout", m.getOrDefault("timeout", "30s")),
            duration("progress", m.getOrDefault("progress", "5s")),
            json == null ? null : Path.of(json));
    m.keySet().removeAll(KNOWN);
    if (!m.isEmpty()) {
      throw new IllegalArgumentException("unknown options: " + m.keySet());
    }
    if (!(o.largeTraceRatio >= 0 && o.largeTraceRatio <= 1)) {
      throw new IllegalArgumentException(
          "large-trace-ratio: " + o.largeTraceRatio + " (expected: in [0, 1])");
    }
    return o;
  }

  private static final java.util.Set<String> KNOWN =
      java.util.Set.of(
          "otlp",
          "protocol",
          "tenant",
          "seed",
          "traces",
          "duration",
          "rate",
          "concurrency",
          "connections",
          "batch-spans",
          "large-trace-ratio",
          "flush",
          "readback",
          "readback-concurrency",
          "query-api",
          "http1",
          "timeout",
          "progress",
          "help");

  private static boolean queryApi(String v) {
    return switch (v) {
      case "v1" -> false;
      case "v2" -> true;
      default -> throw new IllegalArgumentException("query-api: " + v + " (expected: v1 or v2)");
    };
  }

  private static long positive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
    }
    return v;
  }

  private static long nonNegative(String name, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(name + ": " + v + " (expected: >= 0)");
    }
    return v;
  }

  static Duration duration(String name, String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      }
      if (s.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
      }
      if (s.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        name + ": " + v + " (expected: a duration like 500ms, 30s, 2m)");
  }
}
