package dev.vivace.load;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny in-process stand-in for Tempo: OTLP/gRPC and OTLP/HTTP ingest into a map, and {@code GET
 * /api/traces/{id}} (protobuf) out of it. Faults make it lose what it acknowledged, in the ways a
 * broken backend would.
 */
final class FakeTempo {

  enum Fault {
    NONE,
    /** Acknowledges every span but forgets every 40th one. */
    DROP_SPANS,
    /** Acknowledges everything but answers 404 for every 10th trace. */
    LOSE_TRACES,
    /** Returns each trace with one span that was never sent. */
    EXTRA_SPAN,
    /** Refuses one span per request in a partial success, and keeps none of that request. */
    REFUSE
  }

  final Map<String, List<ResourceSpans>> traces = new ConcurrentHashMap<>();
  final Set<String> tenants = ConcurrentHashMap.newKeySet();
  final AtomicLong received = new AtomicLong();
  final AtomicLong flushes = new AtomicLong();
  volatile Fault fault = Fault.NONE;

  void reset(Fault fault) {
    traces.clear();
    tenants.clear();
    received.set(0);
    flushes.set(0);
    this.fault = fault;
  }

  void configure(ServerBuilder sb) {
    sb.service(
        OtlpSender.GRPC_PATH,
        (ctx, req) ->
            HttpResponse.of(
                req.aggregate()
                    .thenApply(
                        r -> {
                          byte[] framed = r.content().array();
                          byte[] body = java.util.Arrays.copyOfRange(framed, 5, framed.length);
                          String tenant = r.headers().get("X-Scope-OrgID");
                          byte[] answer = accept(body, tenant).toByteArray();
                          ByteBuffer out =
                              ByteBuffer.allocate(5 + answer.length)
                                  .put((byte) 0)
                                  .putInt(answer.length)
                                  .put(answer);
                          return HttpResponse.of(
                              ResponseHeaders.builder(HttpStatus.OK)
                                  .contentType(OtlpSender.GRPC)
                                  .build(),
                              HttpData.wrap(out.array()),
                              HttpHeaders.of("grpc-status", "0"));
                        })));
    sb.service(
        OtlpSender.HTTP_PATH,
        (ctx, req) ->
            HttpResponse.of(
                req.aggregate()
                    .thenApply(
                        r ->
                            HttpResponse.of(
                                HttpStatus.OK,
                                MediaType.PROTOBUF,
                                accept(r.content().array(), r.headers().get("X-Scope-OrgID"))
                                    .toByteArray()))));
    sb.service(
        "prefix:/api/traces/",
        (ctx, req) -> {
          String id = ctx.mappedPath().substring(1);
          List<ResourceSpans> spans = traces.get(id);
          if (spans == null
              || (fault == Fault.LOSE_TRACES && Math.floorMod(id.hashCode(), 10) == 0)) {
            return HttpResponse.of(HttpStatus.NOT_FOUND);
          }
          List<ResourceSpans> out = new ArrayList<>(spans);
          if (fault == Fault.EXTRA_SPAN) {
            Span foreign =
                out.get(0).getScopeSpans(0).getSpans(0).toBuilder()
                    .setSpanId(TraceGenerator.id(42))
                    .build();
            out.add(
                out.get(0).toBuilder()
                    .setScopeSpans(0, ScopeSpans.newBuilder().addSpans(foreign))
                    .build());
          }
          return HttpResponse.of(
              HttpStatus.OK,
              MediaType.PROTOBUF,
              TracesData.newBuilder().addAllResourceSpans(out).build().toByteArray());
        });
    sb.service(
        "/flush",
        (ctx, req) -> {
          flushes.incrementAndGet();
          return HttpResponse.of(HttpStatus.NO_CONTENT);
        });
  }

  private ExportTraceServiceResponse accept(byte[] body, String tenant) {
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
    if (tenant != null) {
      tenants.add(tenant);
    }
    if (fault == Fault.REFUSE) {
      return ExportTraceServiceResponse.newBuilder()
          .setPartialSuccess(
              ExportTracePartialSuccess.newBuilder()
                  .setRejectedSpans(1)
                  .setErrorMessage("LIVE_TRACES_EXCEEDED"))
          .build();
    }
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          long n = received.incrementAndGet();
          if (fault == Fault.DROP_SPANS && n % 40 == 0) {
            continue;
          }
          String id = HexFormat.of().formatHex(s.getTraceId().toByteArray());
          ResourceSpans one =
              rs.toBuilder()
                  .clearScopeSpans()
                  .addScopeSpans(ss.toBuilder().clearSpans().addSpans(s))
                  .build();
          traces
              .computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
              .add(one);
        }
      }
    }
    return ExportTraceServiceResponse.getDefaultInstance();
  }
}
