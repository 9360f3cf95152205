package dev.vivace.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.ingest.PushResult;
import dev.vivace.tenant.Tenancy;
import dev.vivace.trace.Traces;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests are admitted to memory before they are read and decoded: beyond the budget they are
 * refused at once with a retry hint, and nothing of a refused request is stored; a request that
 * reached the ingester is answered with the ingester's answer, however long it takes.
 */
class AdmissionControlTest {

  /** A budget far below what one of {@link #large} needs, so only one request fits at a time. */
  static final long LIMIT = 1024 * 1024;

  /** Holds pushes until {@link #gate} opens, and counts the spans it stored. */
  static final class Gate {
    volatile CountDownLatch gate = new CountDownLatch(0);
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger storedSpans = new AtomicInteger();
    volatile Duration delay = Duration.ZERO;
  }

  static final Gate sink = new Gate();
  static final RequestMemory memory = new RequestMemory(LIMIT);

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          OtlpIngest ingest =
              OtlpIngest.builder(
                      (tenant, batches) -> {
                        sink.entered.incrementAndGet();
                        try {
                          sink.gate.await(30, TimeUnit.SECONDS);
                          Thread.sleep(sink.delay.toMillis());
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        int spans = Traces.spanCount(batches);
                        sink.storedSpans.addAndGet(spans);
                        return PushResult.accepted(spans);
                      })
                  .tenancy(Tenancy.SINGLE)
                  .build();
          sb.requestTimeout(Duration.ofMillis(500));
          sb.service(OtlpHttpService.PATH, new OtlpHttpService(ingest, 20 << 20, memory));
          sb.service(OtlpGrpcService.PATH, new OtlpGrpcService(ingest, 20 << 20, memory));
        }
      };

  ManagedChannel channel;

  @BeforeEach
  void reset() {
    sink.gate = new CountDownLatch(0);
    sink.entered.set(0);
    sink.storedSpans.set(0);
    sink.delay = Duration.ZERO;
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.httpPort())
            .usePlaintext()
            .maxInboundMessageSize(20 << 20)
            .build();
  }

  @AfterEach
  void close() throws InterruptedException {
    sink.gate.countDown();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> memory.usedBytes() == 0);
  }

  /** A request of one span whose name inflates to 2 MB from a few kilobytes of gzip. */
  static byte[] large(int trace) {
    return OtlpHttpServiceTest.request(trace, "x".repeat(2_000_000), 8).toByteArray();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  CompletableFuture<AggregatedHttpResponse> postHttp(byte[] message) throws IOException {
    RequestHeaders headers =
        RequestHeaders.builder(HttpMethod.POST, OtlpHttpService.PATH)
            .contentType(MediaType.parse("application/x-protobuf"))
            .add("content-encoding", "gzip")
            .build();
    return WebClient.builder(server.httpUri())
        .responseTimeout(Duration.ofSeconds(30))
        .build()
        .execute(HttpRequest.of(headers, HttpData.wrap(gzip(message))))
        .aggregate();
  }

  /** Exports over gRPC with the message gzip-compressed in its frame, as exporters send it. */
  CompletableFuture<byte[]> exportGrpc(byte[] message) throws IOException {
    return CompletableFuture.supplyAsync(
        () ->
            ClientCalls.blockingUnaryCall(
                channel,
                GrpcJavaClientTest.EXPORT,
                io.grpc.CallOptions.DEFAULT
                    .withCompression("gzip")
                    .withDeadlineAfter(30, TimeUnit.SECONDS),
                message));
  }

  static Duration retryDelay(byte[] status) throws InvalidProtocolBufferException {
    for (Any detail : com.google.rpc.Status.parseFrom(status).getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        com.google.protobuf.Duration d = detail.unpack(RetryInfo.class).getRetryDelay();
        return Duration.ofSeconds(d.getSeconds(), d.getNanos());
      }
    }
    return Duration.ZERO;
  }

  @Test
  void overHttpARequestBeyondTheBudgetIsRefusedAtOnceAndNothingOfItIsStored() throws Exception {
    sink.gate = new CountDownLatch(1);
    // Alone, a request larger than the whole budget is admitted: it is held in the ingester.
    CompletableFuture<AggregatedHttpResponse> first = postHttp(large(1));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sink.entered.get() == 1);
    assertThat(memory.usedBytes()).isGreaterThan(LIMIT);

    AggregatedHttpResponse refused = postHttp(large(2)).get(10, TimeUnit.SECONDS);

    assertThat(refused.status().code()).isEqualTo(503);
    assertThat(refused.headers().get("retry-after")).isEqualTo("1");
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(refused.content().array());
    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE.value());
    assertThat(status.getMessage()).contains("too many requests are being read at once");
    assertThat(retryDelay(refused.content().array())).isEqualTo(Duration.ofSeconds(1));
    assertThat(sink.entered.get()).isEqualTo(1);

    sink.gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).status().code()).isEqualTo(200);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> memory.usedBytes() == 0);
    // The client's retry is stored, once.
    assertThat(postHttp(large(2)).get(10, TimeUnit.SECONDS).status().code()).isEqualTo(200);
    assertThat(sink.storedSpans.get()).isEqualTo(2);
  }

  @Test
  void overGrpcARequestBeyondTheBudgetIsUnavailableWithRetryInfo() throws Exception {
    sink.gate = new CountDownLatch(1);
    CompletableFuture<byte[]> first = exportGrpc(large(3));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sink.entered.get() == 1);

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> {
              try {
                exportGrpc(large(4)).join();
              } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause();
              }
            });

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(refused.getStatus().getDescription())
        .contains("too many requests are being read at once");
    byte[] details = refused.getTrailers().get(GrpcJavaClientTest.STATUS_DETAILS);
    assertThat(details).as("grpc-status-details-bin").isNotNull();
    assertThat(retryDelay(details)).isEqualTo(Duration.ofSeconds(1));
    assertThat(sink.entered.get()).isEqualTo(1);

    sink.gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> memory.usedBytes() == 0);
    assertThat(exportGrpc(large(4)).get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(sink.storedSpans.get()).isEqualTo(2);
  }

  @Test
  void smallRequestsFitBesideEachOther() throws Exception {
    sink.gate = new CountDownLatch(1);
    byte[] small = OtlpHttpServiceTest.request(5, "small", 8).toByteArray();
    CompletableFuture<AggregatedHttpResponse> a = postHttp(small);
    CompletableFuture<byte[]> b = exportGrpc(small);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sink.entered.get() == 2);
    sink.gate.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS).status().code()).isEqualTo(200);
    assertThat(b.get(10, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void spansHandedToTheIngesterGetItsAnswerEvenAfterTheRequestTimeout() throws Exception {
    // The ingester takes longer than the server's 500 ms request timeout.
    sink.delay = Duration.ofMillis(1500);
    byte[] small = OtlpHttpServiceTest.request(6, "slow", 8).toByteArray();

    assertThat(postHttp(small).get(10, TimeUnit.SECONDS).status().code()).isEqualTo(200);
    assertThat(exportGrpc(small).get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(sink.storedSpans.get()).isEqualTo(2);
  }
}
