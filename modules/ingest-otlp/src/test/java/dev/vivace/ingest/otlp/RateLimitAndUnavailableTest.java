package dev.vivace.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.ingest.PushResult;
import dev.vivace.storage.CapacityException;
import dev.vivace.storage.StorageException;
import dev.vivace.trace.Traces;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitAndUnavailableTest {

  static final AtomicLong nanos = new AtomicLong();
  static final AtomicBoolean storeDown = new AtomicBoolean();
  static final AtomicBoolean storeFull = new AtomicBoolean();

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          OtlpIngest ingest =
              OtlpIngest.builder(
                      (tenant, batches) -> {
                        if (storeDown.get()) {
                          throw new StorageException(
                              "write-ahead log append failed: No space left on device");
                        }
                        if (storeFull.get()) {
                          throw new CapacityException(
                              "the ingester holds too many bytes of spans not yet in blocks");
                        }
                        return PushResult.accepted(Traces.spanCount(batches));
                      })
                  .rateLimits(tenant -> new RateLimit(1000, 2000))
                  .retryAfter(Duration.ofSeconds(2))
                  .nanoTime(nanos::get)
                  .build();
          sb.service(
              OtlpHttpService.PATH,
              new OtlpHttpService(ingest, 1 << 20, new RequestMemory(1L << 40)));
          sb.service(
              OtlpGrpcService.PATH,
              new OtlpGrpcService(ingest, 1 << 20, new RequestMemory(1L << 40)));
        }
      };

  AggregatedHttpResponse post(byte[] body) {
    return BlockingWebClient.of(server.httpUri())
        .execute(
            RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                .contentType(MediaType.parse("application/x-protobuf"))
                .build(),
            body);
  }

  @Test
  void tokenBucketWithTempoMessagesAndARetryHint() {
    byte[] small = OtlpHttpServiceTest.request(1, "a".repeat(500), 8).toByteArray();
    byte[] huge = OtlpHttpServiceTest.request(2, "b".repeat(2500), 8).toByteArray();

    AggregatedHttpResponse res = post(huge);
    assertThat(res.status().code()).isEqualTo(429);
    assertThat(new String(res.content().array()))
        .contains(
            "RATE_LIMITED: batch size ("
                + huge.length
                + " bytes) exceeds ingestion limit (local: 1000"
                + " bytes/s, global: 1000 bytes/s, burst: 2000 bytes) while adding "
                + huge.length
                + " bytes for user single-tenant. consider reducing batch size or increasing rate"
                + " limit.");

    int accepted = 0;
    while (post(small).status().code() == 200) {
      accepted++;
    }
    assertThat(accepted).isBetween(2, 4);
    res = post(small);
    assertThat(res.status().code()).isEqualTo(429);
    assertThat(res.headers().get("retry-after")).isEqualTo("2");
    assertThat(new String(res.content().array()))
        .contains("RATE_LIMITED: ingestion rate limit")
        .contains(RpcStatus.RETRY_INFO_TYPE);

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(post(small).status().code()).isEqualTo(200);

    // gRPC carries the same refusal, with RetryInfo in grpc-status-details-bin.
    AggregatedHttpResponse grpc =
        WebClient.of(server.uri(SessionProtocol.H2C))
            .execute(
                HttpRequest.of(
                    RequestHeaders.builder(HttpMethod.POST, OtlpGrpcService.PATH)
                        .contentType(MediaType.parse("application/grpc"))
                        .build(),
                    HttpData.wrap(OtlpGrpcServiceTest.frame(false, huge))))
            .aggregate()
            .join();
    assertThat(grpc.headers().get("grpc-status")).isEqualTo("8");
    byte[] details = Base64.getDecoder().decode(grpc.headers().get("grpc-status-details-bin"));
    assertThat(new String(details)).contains(RpcStatus.RETRY_INFO_TYPE);
  }

  @Test
  void storeFailuresAre503SoClientsRetry() {
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    storeDown.set(true);
    try {
      AggregatedHttpResponse res = post(OtlpHttpServiceTest.request(3, "c", 8).toByteArray());
      assertThat(res.status().code()).isEqualTo(503);
      assertThat(new String(res.content().array()))
          .contains("spans not stored, retry later: write-ahead log append failed");
    } finally {
      storeDown.set(false);
    }
    assertThat(post(OtlpHttpServiceTest.request(3, "c", 8).toByteArray()).status().code())
        .isEqualTo(200);
  }

  @Test
  void anIngesterOutOfMemoryBudgetTellsClientsWhenToRetry() {
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    storeFull.set(true);
    try {
      AggregatedHttpResponse res = post(OtlpHttpServiceTest.request(4, "d", 8).toByteArray());
      assertThat(res.status().code()).isEqualTo(503);
      assertThat(res.headers().get("retry-after")).isEqualTo("2");
      assertThat(new String(res.content().array()))
          .contains("spans not stored, retry later: the ingester holds too many bytes")
          .contains(RpcStatus.RETRY_INFO_TYPE);
    } finally {
      storeFull.set(false);
    }
  }
}
