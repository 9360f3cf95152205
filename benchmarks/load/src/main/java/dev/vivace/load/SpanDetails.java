package dev.vivace.load;

import static dev.vivace.load.Vocabulary.kv;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Fills a generated span's attributes, events, links and status. */
final class SpanDetails {

  private SpanDetails() {}

  /** Adds 5–15 attributes: HTTP ones first on server and client spans, then application ones. */
  static void attributes(
      SplittableRandom r, Span.Builder span, Span.SpanKind kind, KeyValue[] routes) {
    int n = 5 + r.nextInt(11);
    int added = 0;
    boolean http = kind == Span.SpanKind.SPAN_KIND_SERVER || kind == Span.SpanKind.SPAN_KIND_CLIENT;
    if (http) {
      String method = Vocabulary.METHODS[r.nextInt(Vocabulary.METHODS.length)];
      long status = Vocabulary.STATUS_CODES[r.nextInt(Vocabulary.STATUS_CODES.length)];
      KeyValue[] httpAttrs = {
        kv("http.request.method", method),
        kv("http.response.status_code", status),
        routes.length > 0 ? routes[r.nextInt(routes.length)] : kv("http.route", "/"),
        kv("url.path", "/api/products/" + r.nextInt(100_000)),
        kv("server.address", "shop.example.internal"),
        kv("server.port", 8080L),
        kv("user_agent.original", Vocabulary.USER_AGENTS[r.nextInt(Vocabulary.USER_AGENTS.length)]),
        kv("network.protocol.version", "1.1"),
      };
      for (int i = 0; i < httpAttrs.length && added < n; i++, added++) {
        span.addAttributes(httpAttrs[i]);
      }
    }
    int key = r.nextInt(Vocabulary.EXTRA_KEYS.length);
    while (added < n) {
      String k = Vocabulary.EXTRA_KEYS[key % Vocabulary.EXTRA_KEYS.length];
      switch (key % 4) {
        case 0 -> span.addAttributes(kv(k, "v-" + Long.toHexString(r.nextLong() & 0xFFFFFFFFFFL)));
        case 1 -> span.addAttributes(kv(k, (long) r.nextInt(10_000)));
        case 2 -> span.addAttributes(kv(k, r.nextDouble() * 1000));
        default -> span.addAttributes(kv(k, r.nextInt(2) == 0));
      }
      key++;
      added++;
    }
  }

  /** Adds events to about a fifth of the spans, links to one in twenty, errors to about 3 %. */
  static void eventsLinksStatus(SplittableRandom r, Span.Builder span) {
    long start = span.getStartTimeUnixNano();
    if (r.nextInt(5) == 0) {
      int events = 1 + r.nextInt(3);
      for (int i = 0; i < events; i++) {
        span.addEvents(
            Span.Event.newBuilder()
                .setTimeUnixNano(start + 1_000L * (i + 1))
                .setName(i == 0 ? "cache.miss" : "retry")
                .addAttributes(kv("attempt", (long) i + 1))
                .addAttributes(kv("cache.key", "product:" + r.nextInt(100_000))));
      }
    }
    if (r.nextInt(20) == 0) {
      span.addLinks(
          Span.Link.newBuilder()
              .setTraceId(
                  com.google.protobuf.ByteString.copyFrom(
                      ByteBuffer.allocate(16).putLong(r.nextLong()).putLong(r.nextLong()).array()))
              .setSpanId(TraceGenerator.id(r.nextLong() | 1))
              .addAttributes(kv("link.reason", "batch")));
    }
    if (r.nextInt(33) == 0) {
      String type = Vocabulary.EXCEPTIONS[r.nextInt(Vocabulary.EXCEPTIONS.length)];
      span.setStatus(TraceGenerator.errorStatus(type + ": upstream failed"));
      span.addEvents(
          Span.Event.newBuilder()
              .setTimeUnixNano(start + 500)
              .setName("exception")
              .addAttributes(kv("exception.type", type))
              .addAttributes(
                  kv("exception.message", "upstream failed after " + r.nextInt(30) + "s"))
              .addAttributes(
                  kv(
                      "exception.stacktrace",
                      type
                          + ": upstream failed\n\tat shop.Client.call(Client.java:"
                          + r.nextInt(500)
                          + ")\n\tat shop.Handler.handle(Handler.java:42)")));
    }
  }
}
