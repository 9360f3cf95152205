package dev.vivace.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every refusal of OTLP/gRPC as grpc-java reads it: the code must arrive as sent (a client that
 * sees INTERNAL or UNKNOWN drops the batch instead of retrying it), with its message and, for
 * RESOURCE_EXHAUSTED, the RetryInfo the exporter waits for.
 */
class GrpcJavaClientTest {

  @RegisterExtension static final StatusCodesServer server = new StatusCodesServer();

  static final MethodDescriptor<byte[], byte[]> EXPORT =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .setRequestMarshaller(Bytes.INSTANCE)
          .setResponseMarshaller(Bytes.INSTANCE)
          .build();

  static final Metadata.Key<byte[]> STATUS_DETAILS =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  static ManagedChannel channel;

  @BeforeAll
  static void connect() {
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.httpPort()).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  static byte[] export(@Nullable String tenant, byte[] message) {
    Metadata headers = new Metadata();
    if (tenant != null) {
      headers.put(Metadata.Key.of("x-scope-orgid", Metadata.ASCII_STRING_MARSHALLER), tenant);
    }
    return ClientCalls.blockingUnaryCall(
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
        EXPORT,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
        message);
  }

  static StatusRuntimeException refused(@Nullable String tenant, byte[] message) {
    return catchThrowableOfType(StatusRuntimeException.class, () -> export(tenant, message));
  }

  static byte[] spans() {
    return OtlpHttpServiceTest.request(1, "v".repeat(200), 8).toByteArray();
  }

  @Test
  void acceptedExportsStillWork() {
    assertThat(export("t1", spans())).isNotNull();
  }

  @Test
  void missingTenantIsUnauthenticated() {
    StatusRuntimeException e = refused(null, spans());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).isNotBlank();
  }

  @Test
  void malformedMessageIsInvalidArgument() {
    StatusRuntimeException e = refused("t1", new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void rateLimitedIsResourceExhaustedWithRetryInfo() throws InvalidProtocolBufferException {
    StatusRuntimeException e = refused(StatusCodesServer.LIMITED, spans());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(e.getStatus().getDescription()).startsWith("RATE_LIMITED: ");
    Metadata trailers = e.getTrailers();
    assertThat(trailers).isNotNull();
    byte[] details = trailers.get(STATUS_DETAILS);
    assertThat(details).as("grpc-status-details-bin").isNotNull();
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(details);
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
    RetryInfo retry = null;
    for (Any detail : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        retry = detail.unpack(RetryInfo.class);
      }
    }
    assertThat(retry).as("RetryInfo in the status details").isNotNull();
    assertThat(retry.getRetryDelay().getSeconds())
        .isEqualTo(StatusCodesServer.RETRY_AFTER.toSeconds());
  }

  @Test
  void storageFailureIsUnavailable() {
    StatusRuntimeException e = refused(StatusCodesServer.DOWN, spans());
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(e.getStatus().getDescription()).contains("retry later");
  }

  /** Messages as raw bytes: the test sends what it likes and the server decodes it itself. */
  enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
