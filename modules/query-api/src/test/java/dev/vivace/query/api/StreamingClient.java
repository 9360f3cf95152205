package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Message;
import dev.vivace.tempopb.SearchRequest;
import dev.vivace.tempopb.SearchResponse;
import dev.vivace.tempopb.SearchTagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesResponse;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsRequest;
import dev.vivace.tempopb.SearchTagsResponse;
import dev.vivace.tempopb.SearchTagsV2Response;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A grpc-java client of {@code tempopb.StreamingQuerier}, with the method descriptors written out
 * as Tempo's proto declares them and grpc-java's default limits (4 MiB per received message).
 */
final class StreamingClient implements AutoCloseable {

  static <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(
      String name, Q request, R response) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
        .setFullMethodName("tempopb.StreamingQuerier/" + name)
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .build();
  }

  static final MethodDescriptor<SearchRequest, SearchResponse> SEARCH =
      method("Search", SearchRequest.getDefaultInstance(), SearchResponse.getDefaultInstance());
  static final MethodDescriptor<SearchTagsRequest, SearchTagsResponse> TAGS =
      method(
          "SearchTags",
          SearchTagsRequest.getDefaultInstance(),
          SearchTagsResponse.getDefaultInstance());
  static final MethodDescriptor<SearchTagsRequest, SearchTagsV2Response> TAGS_V2 =
      method(
          "SearchTagsV2",
          SearchTagsRequest.getDefaultInstance(),
          SearchTagsV2Response.getDefaultInstance());
  static final MethodDescriptor<SearchTagValuesRequest, SearchTagValuesResponse> VALUES =
      method(
          "SearchTagValues",
          SearchTagValuesRequest.getDefaultInstance(),
          SearchTagValuesResponse.getDefaultInstance());
  static final MethodDescriptor<SearchTagValuesRequest, SearchTagValuesV2Response> VALUES_V2 =
      method(
          "SearchTagValuesV2",
          SearchTagValuesRequest.getDefaultInstance(),
          SearchTagValuesV2Response.getDefaultInstance());

  /** Messages as their bytes. */
  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
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
      };

  private final ManagedChannel channel;

  StreamingClient(int port) {
    this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** The channel, with {@code x-scope-orgid: tenant} on every call when not null. */
  Channel channel(@Nullable String tenant) {
    if (tenant == null) {
      return channel;
    }
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("x-scope-orgid", Metadata.ASCII_STRING_MARSHALLER), tenant);
    return ClientInterceptors.intercept(
        channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  static CallOptions options() {
    return CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** The messages of a call without tenant, as they arrive. */
  <Q, R> Iterator<R> stream(MethodDescriptor<Q, R> method, Q request) {
    return ClientCalls.blockingServerStreamingCall(channel, method, options(), request);
  }

  /** Every message of a call, in order; throws the call's status when it is not OK. */
  <Q, R> List<R> call(@Nullable String tenant, MethodDescriptor<Q, R> method, Q request) {
    return call(tenant, method, options(), request);
  }

  <Q, R> List<R> call(
      @Nullable String tenant, MethodDescriptor<Q, R> method, CallOptions options, Q request) {
    List<R> out = new ArrayList<>();
    ClientCalls.blockingServerStreamingCall(channel(tenant), method, options, request)
        .forEachRemaining(out::add);
    return out;
  }

  /** The status of a call that fails. */
  <Q, R> StatusRuntimeException refused(
      @Nullable String tenant, MethodDescriptor<Q, R> method, Q request) {
    return catchThrowableOfType(StatusRuntimeException.class, () -> call(tenant, method, request));
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
