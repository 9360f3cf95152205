package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.QueryParamsBuilder;
import dev.vivace.tempopb.SearchTagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesResponse;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsRequest;
import dev.vivace.tempopb.SearchTagsResponse;
import dev.vivace.tempopb.SearchTagsV2Response;

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
