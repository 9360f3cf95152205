package dev.vivace.query.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import dev.vivace.query.TimeRange;
import dev.vivace.tempopb.PartialStatus;
import dev.vivace.tempopb.TraceByIDMetrics;
import dev.vivace.tempopb.TraceByIDResponse;
import dev.vivace.tenant.Tenancy;
import dev.vivace.tenant.Tenants;
import dev.vivace.trace.TraceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/traces/{id}} (v1) and {@code GET /api/v2/traces/{id}} (v2), as Tempo answers
 * them.
 *
 * <p>When a tier could not read all of its data (a corrupt block, storage down), v2 returns what
 * was found with status {@code PARTIAL} and a message naming what could not be read. v1 has no such
 * status: it returns what was found, and when nothing was, 503 with that message instead of 404,
 * since the trace may well exist in what could not be read.
 */
final class TraceByIdService {

  static final MediaType PROTOBUF = MediaType.parse("application/protobuf");
  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().omittingInsignificantWhitespace();
  private static final Set<String> MODES = Set.of("all", "ingesters", "blocks", "external");

  private final Tenancy tenancy;
  private final TraceQueries queries;

  TraceByIdService(Tenancy tenancy, TraceQueries queries) {
    this.tenancy = tenancy;
    this.queries = queries;
  }

  @Get("/api/traces/{traceId}")
  @Blocking
  public HttpResponse v1(
      @Param("traceId") String traceId, QueryParams params, RequestHeaders headers) {
    TraceQueries.Found found = find(traceId, params, headers);
    if (found.isEmpty() && found.isPartial()) {
      // Not "not found": the trace may be in what could not be read. v1 has no partial status.
      return QueryExceptionHandler.text(
          HttpStatus.SERVICE_UNAVAILABLE,
          "trace lookup incomplete, the trace may be in data that could not be read: "
              + found.describeFailures()
              + "\n");
    }
    if (found.isEmpty()) {
      // Tempo answers a bare 404: no body, no content type.
      return HttpResponse.of(ResponseHeaders.of(HttpStatus.NOT_FOUND));
    }
    if (found.isTooLarge()) {
      throw new TraceTooLargeException(found.maxBytes());
    }
    if (wantsProtobuf(headers)) {
      return HttpResponse.of(HttpStatus.OK, PROTOBUF, found.trace().toByteArray());
    }
    String json = print(found.trace());
    // Tempo's v1 JSON names the top-level list "batches".
    json = json.replaceFirst("\"resourceSpans\":", "\"batches\":");
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON, json);
  }

  @Get("/api/v2/traces/{traceId}")
  @Blocking
  public HttpResponse v2(
      @Param("traceId") String traceId, QueryParams params, RequestHeaders headers) {
    TraceQueries.Found found = find(traceId, params, headers);
    TraceByIDResponse.Builder response =
        TraceByIDResponse.newBuilder()
            .setMetrics(TraceByIDMetrics.newBuilder().setInspectedBytes(found.inspectedBytes()));
    List<String> partial = new ArrayList<>(2);
    if (found.isTooLarge()) {
      response.setTrace(TraceQueries.truncate(found.trace(), found.maxBytes()));
      partial.add(
          "Trace exceeds maximum size of "
              + found.maxBytes()
              + " bytes, a partial trace is returned");
    } else {
      // Always set, even when empty: Grafana dereferences it.
      response.setTrace(found.trace());
    }
    if (found.isPartial()) {
      partial.add(
          "Some blocks could not be read, a partial trace is returned: "
              + found.describeFailures());
    }
    if (!partial.isEmpty()) {
      response.setStatus(PartialStatus.PARTIAL).setMessage(String.join("; ", partial));
    }
    if (wantsProtobuf(headers)) {
      return HttpResponse.of(HttpStatus.OK, PROTOBUF, response.build().toByteArray());
    }
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON, print(response.build()));
  }

  private TraceQueries.Found find(String rawId, QueryParams params, RequestHeaders headers) {
    List<String> tenants = tenancy.queryTenantsOf(headers.get(Tenants.ORG_ID_HEADER));
    TraceId id = TraceId.parse(rawId);
    TimeRange range = new TimeRange(seconds(params, "start"), seconds(params, "end"));
    String mode = params.get("mode");
    if (mode != null && !MODES.contains(mode)) {
      throw new IllegalArgumentException("invalid value for mode " + mode);
    }
    checkUuid(params, "blockStart", "blockstart");
    checkUuid(params, "blockEnd", "blockEnd");
    return queries.find(tenants, id, range);
  }

  private static long seconds(QueryParams params, String name) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid " + name + ": strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
    }
  }

  private static void checkUuid(QueryParams params, String name, String label) {
    String value = params.get(name);
    if (value == null || value.isEmpty()) {
      return;
    }
    try {
      UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid value for " + label + ": invalid UUID '" + value + "'");
    }
  }

  /**
   * Tempo's rule: a plain substring test for {@code application/protobuf}; JSON otherwise. Shared
   * by the query API's services.
   */
  static boolean wantsProtobuf(RequestHeaders headers) {
    String accept = headers.get(HttpHeaderNames.ACCEPT);
    return accept != null && accept.contains("application/protobuf");
  }

  /** {@code message} as Tempo's proto3 JSON. Shared by the query API's services. */
  static String print(Message message) {
    try {
      return JSON.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
