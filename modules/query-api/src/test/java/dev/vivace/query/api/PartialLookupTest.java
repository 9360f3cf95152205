package dev.vivace.query.api;

import static dev.vivace.query.api.QueryApiTest.FULL_ID;
import static dev.vivace.query.api.QueryApiTest.batch;
import static dev.vivace.query.api.QueryApiTest.get;
import static dev.vivace.query.api.QueryApiTest.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.ingester.LiveTraceStore;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.tempopb.PartialStatus;
import dev.vivace.tempopb.Trace;
import dev.vivace.tempopb.TraceByIDResponse;
import dev.vivace.tenant.Tenancy;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tier that could not read all of its data: v2 says PARTIAL, v1 never says "not found". */
class PartialLookupTest {

  static final LiveTraceStore store = LiveTraceStore.builder().build();

  /** For tenants whose name starts with "broken", five blocks cannot be read. */
  static final TraceFinder brokenBlocks =
      (tenant, id, range) -> {
        TraceLookup all = TraceLookup.EMPTY;
        if (tenant.startsWith("broken")) {
          for (int i = 1; i <= 5; i++) {
            all = all.plus(TraceLookup.failed("block b" + i + " is corrupt (data.parquet)"));
          }
        }
        return all;
      };

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(List.of(store, brokenBlocks))
              .tenancy(Tenancy.MULTI)
              .maxBytesPerTrace(tenant -> tenant.endsWith("small") ? 300 : 0)
              .build()
              .addTo(sb);
        }
      };

  static final String FAILURES =
      "block b1 is corrupt (data.parquet); block b2 is corrupt (data.parquet);"
          + " block b3 is corrupt (data.parquet); and 2 more";

  @BeforeAll
  static void load() {
    store.push("broken", batch(span(FULL_ID, "0000000000000001", "live")));
    Span[] many = new Span[20];
    for (int i = 0; i < many.length; i++) {
      many[i] = span(FULL_ID, String.format("%016x", i + 10), "span number " + i);
    }
    store.push("broken-small", batch(many));
  }

  @Test
  void whatWasFoundIsReturnedAndMarkedPartial() throws Exception {
    AggregatedHttpResponse v1 =
        get(server, "/api/traces/" + FULL_ID, "broken", "application/protobuf");
    assertThat(v1.status().code()).isEqualTo(200);
    assertThat(Trace.parseFrom(v1.content().array()).getResourceSpansCount()).isEqualTo(1);

    TraceByIDResponse v2 =
        TraceByIDResponse.parseFrom(
            get(server, "/api/v2/traces/" + FULL_ID, "broken", "application/protobuf")
                .content()
                .array());
    assertThat(v2.getTrace().getResourceSpansCount()).isEqualTo(1);
    assertThat(v2.getStatus()).isEqualTo(PartialStatus.PARTIAL);
    assertThat(v2.getMessage())
        .isEqualTo("Some blocks could not be read, a partial trace is returned: " + FAILURES);
  }

  @Test
  void nothingFoundIsNotNotFound() throws Exception {
    String missing = "0123456789abcdef";
    AggregatedHttpResponse v1 = get(server, "/api/traces/" + missing, "broken", null);
    assertThat(v1.status().code()).isEqualTo(503);
    assertThat(v1.contentType().toString()).isEqualTo("text/plain; charset=utf-8");
    assertThat(v1.contentUtf8())
        .isEqualTo(
            "trace lookup incomplete, the trace may be in data that could not be read: "
                + FAILURES
                + "\n");

    AggregatedHttpResponse v2 = get(server, "/api/v2/traces/" + missing, "broken", null);
    assertThat(v2.status().code()).isEqualTo(200);
    assertThat(v2.contentUtf8())
        .isEqualTo(
            "{\"trace\":{},\"metrics\":{},\"status\":\"PARTIAL\",\"message\":\"Some blocks could"
                + " not be read, a partial trace is returned: "
                + FAILURES
                + "\"}");

    // Without failures, absent is still 404.
    assertThat(get(server, "/api/traces/" + missing, "fine", null).status().code()).isEqualTo(404);
  }

  @Test
  void tooLargeAndPartialSayBoth() throws Exception {
    TraceByIDResponse v2 =
        TraceByIDResponse.parseFrom(
            get(server, "/api/v2/traces/" + FULL_ID, "broken-small", "application/protobuf")
                .content()
                .array());
    assertThat(v2.getStatus()).isEqualTo(PartialStatus.PARTIAL);
    assertThat(v2.getMessage())
        .isEqualTo(
            "Trace exceeds maximum size of 300 bytes, a partial trace is returned; Some blocks"
                + " could not be read, a partial trace is returned: "
                + FAILURES);
    assertThat(v2.getTrace().getSerializedSize()).isLessThanOrEqualTo(300);
  }
}
