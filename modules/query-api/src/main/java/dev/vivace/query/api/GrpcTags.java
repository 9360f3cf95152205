package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.QueryParamsBuilder;
import dev.vivace.search.TagResult;
import dev.vivace.tempopb.SearchTagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesResponse;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsRequest;
import dev.vivace.tempopb.SearchTagsResponse;
import dev.vivace.tempopb.SearchTagsV2Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The four tag calls of the streaming querier, each answered once. As Tempo's gRPC handlers do, a
 * request is written as the HTTP route's parameters (fields left at zero or empty are not written)
 * and answered by the HTTP route's code, so both agree. Blocking.
 */
final class GrpcTags {

  private final TagService tags;

  GrpcTags(TagService tags) {
    this.tags = requireNonNull(tags, "tags");
  }

  /**
   * Answers the tag call {@code method} ({@code SearchTags}, {@code SearchTagsV2}, {@code
   * SearchTagValues} or {@code SearchTagValuesV2}) of {@code request}: its messages, each at most
   * {@code maxMessageBytes}, then trailers that mark an incomplete answer as a search's are.
   */
  HttpResponse answer(String method, TagService.Call call, byte[] request, int maxMessageBytes) {
    Duration timeout = call.timeout();
    return switch (method) {
      case "SearchTags" ->
          respond(
              tags(call, GrpcWire.parse(request, SearchTagsRequest.parser())),
              m -> GrpcTagResponses.split(m, maxMessageBytes),
              timeout);
      case "SearchTagsV2" ->
          respond(
              tagsV2(call, GrpcWire.parse(request, SearchTagsRequest.parser())),
              m -> GrpcTagResponses.split(m, maxMessageBytes),
              timeout);
      case "SearchTagValues" ->
          respond(
              values(call, GrpcWire.parse(request, SearchTagValuesRequest.parser())),
              m -> GrpcTagResponses.split(m, maxMessageBytes),
              timeout);
      case "SearchTagValuesV2" ->
          respond(
              valuesV2(call, GrpcWire.parse(request, SearchTagValuesRequest.parser())),
              m -> GrpcTagResponses.split(m, maxMessageBytes),
              timeout);
      default ->
          throw new IllegalArgumentException("method: " + method + " (expected: a tag call)");
    };
  }

  /** {@code answer} in the messages {@code split} makes of it, then its trailers. */
  private static <M extends Message> HttpResponse respond(
      TagService.Answer<M> answer, Function<M, List<M>> split, Duration timeout) {
    List<M> messages = split.apply(answer.message());
    List<HttpObject> frames = new ArrayList<>(messages.size() + 2);
    frames.add(GrpcWire.headers());
    messages.forEach(m -> frames.add(GrpcWire.frame(m.toByteArray())));
    TagResult result = answer.result();
    frames.add(
        result == null
            ? GrpcWire.trailers(GrpcCode.OK, null)
            : PartialAnswers.trailers(
                result.timedOut(), result.isEmpty(), result.failures(), timeout));
    return HttpResponse.of(frames.toArray(new HttpObject[0]));
  }

  TagService.Answer<SearchTagsResponse> tags(TagService.Call call, SearchTagsRequest r) {
    return tags.v1Tags(call, params(r));
  }

  TagService.Answer<SearchTagsV2Response> tagsV2(TagService.Call call, SearchTagsRequest r) {
    return tags.v2Tags(call, params(r));
  }

  TagService.Answer<SearchTagValuesResponse> values(
      TagService.Call call, SearchTagValuesRequest r) {
    return tags.v1Values(call, r.getTagName(), params(r));
  }

  TagService.Answer<SearchTagValuesV2Response> valuesV2(
      TagService.Call call, SearchTagValuesRequest r) {
    return tags.v2Values(call, r.getTagName(), params(r));
  }

  private static QueryParams params(SearchTagsRequest r) {
    QueryParamsBuilder params = QueryParams.builder();
    addText(params, "scope", r.getScope());
    addText(params, "q", r.getQuery());
    addUnsigned(params, "start", r.getStart());
    addUnsigned(params, "end", r.getEnd());
    addUnsigned(params, "limit", r.getMaxTagsPerScope());
    addUnsigned(params, "maxStaleValues", r.getStaleValuesThreshold());
    return params.build();
  }

  private static QueryParams params(SearchTagValuesRequest r) {
    QueryParamsBuilder params = QueryParams.builder();
    addText(params, "q", r.getQuery());
    addUnsigned(params, "start", r.getStart());
    addUnsigned(params, "end", r.getEnd());
    addUnsigned(params, "limit", r.getMaxTagValues());
    addUnsigned(params, "maxStaleValues", r.getStaleValueThreshold());
    return params.build();
  }

  private static void addText(QueryParamsBuilder params, String name, String value) {
    if (!value.isEmpty()) {
      params.add(name, value);
    }
  }

  private static void addUnsigned(QueryParamsBuilder params, String name, int value) {
    if (value != 0) {
      params.add(name, Integer.toUnsignedString(value));
    }
  }
}
