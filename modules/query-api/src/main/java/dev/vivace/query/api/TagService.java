package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagLimits;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.tempopb.MetadataMetrics;
import dev.vivace.tempopb.SearchTagValuesResponse;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsResponse;
import dev.vivace.tempopb.SearchTagsV2Response;
import dev.vivace.tempopb.SearchTagsV2Scope;
import dev.vivace.tempopb.TagValue;
import dev.vivace.tenant.Tenancy;
import dev.vivace.tenant.Tenants;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tempo's tag discovery: {@code /api/search/tags}, {@code /api/v2/search/tags}, {@code
 * /api/search/tag/{tagName}/values} and {@code /api/v2/search/tag/{tagName}/values}.
 *
 * <p>Names are sorted within each scope; v2 scopes come in the order resource, span, event, link,
 * instrumentation, then the fixed {@code intrinsic} list, and empty scopes are left out. Values
 * found in the data are sorted by {@link TagValues#ORDER}; fixed lists (status and kind keywords,
 * {@code status.code}) keep Tempo's order.
 *
 * <p>A tag search runs for at most the query timeout ({@code querier.search.query_timeout}) and
 * stops when its client goes away. Its answer is marked as {@link SearchService}'s is: one that ran
 * out of time or could not read some data carries {@value PartialAnswers#HEADER}, or, when it found
 * nothing in the data, is 504 (out of time) or 503 (data unreadable).
 */
final class TagService {

  /**
   * A tag answer and the search behind it; {@code result} is null for a fixed list, which is always
   * complete.
   */
  record Answer<M extends Message>(M message, @Nullable TagResult result) {}

  /**
   * Who asks and for how long: the tenants, the time the search may take, and the signal that its
   * client went away.
   */
  record Call(List<String> tenants, Duration timeout, CompletionStage<?> cancelled) {}

  private static final Logger logger = LoggerFactory.getLogger(TagService.class);

  private static final String V1_VALUES = "/api/search/tag/";
  private static final String V2_VALUES = "/api/v2/search/tag/";

  private final Tenancy tenancy;
  private final SearchEngine engine;
  private final String prefix;
  private final Duration timeout;
  private final ToLongFunction<String> maxBytesPerTagValuesQuery;

  TagService(
      Tenancy tenancy,
      SearchEngine engine,
      String prefix,
      Duration timeout,
      ToLongFunction<String> maxBytesPerTagValuesQuery) {
    this.tenancy = requireNonNull(tenancy, "tenancy");
    this.engine = requireNonNull(engine, "engine");
    this.prefix = requireNonNull(prefix, "prefix");
    this.timeout = requireNonNull(timeout, "timeout");
    this.maxBytesPerTagValuesQuery =
        requireNonNull(maxBytesPerTagValuesQuery, "maxBytesPerTagValuesQuery");
  }

  /** How long a tag search may run before it returns what it found. */
  Duration timeout() {
    return timeout;
  }

  @Get("/api/search/tags")
  @Blocking
  public HttpResponse v1Tags(
      ServiceRequestContext ctx, QueryParams params, RequestHeaders headers) {
    return respond(headers, v1Tags(call(ctx, headers), params));
  }

  /** The answer of the v1 tag names route; the streaming querier's SearchTags too. */
  Answer<SearchTagsResponse> v1Tags(Call call, QueryParams params) {
    String scope = TagParams.scope(params);
    TimeRange range = TagParams.range(params);
    TagParams.Limits limits = TagParams.limits(params);
    SearchTagsResponse.Builder out = SearchTagsResponse.newBuilder();
    if (TagParams.INTRINSIC.equals(scope)) {
      return new Answer<>(
          out.addAllTagNames(VirtualTags.INTRINSIC_NAMES).setMetrics(metrics(0)).build(), null);
    }
    Set<AttributeScope> scopes =
        scope == null
            ? EnumSet.of(AttributeScope.RESOURCE, AttributeScope.SPAN)
            : EnumSet.of(requireScope(scope));
    TagRequest request = new TagRequest(scopes, null, range);
    TagResult result = names(call, request, limits);
    Set<String> names = new TreeSet<>();
    result.names().values().forEach(names::addAll);
    return new Answer<>(
        out.addAllTagNames(names).setMetrics(metrics(result.inspectedBytes())).build(), result);
  }

  @Get("/api/v2/search/tags")
  @Blocking
  public HttpResponse v2Tags(
      ServiceRequestContext ctx, QueryParams params, RequestHeaders headers) {
    return respond(headers, v2Tags(call(ctx, headers), params));
  }

  /** The answer of the v2 tag names route; the streaming querier's SearchTagsV2 too. */
  Answer<SearchTagsV2Response> v2Tags(Call call, QueryParams params) {
    String scope = TagParams.scope(params);
    TimeRange range = TagParams.range(params);
    TagParams.Limits limits = TagParams.limits(params);
    SpanFilter filter = TagParams.filter(TagParams.get(params, "q"));
    SearchTagsV2Response.Builder out = SearchTagsV2Response.newBuilder();
    TagResult result = null;
    if (!TagParams.INTRINSIC.equals(scope)) {
      Set<AttributeScope> scopes = EnumSet.allOf(AttributeScope.class);
      scopes.remove(AttributeScope.NONE);
      if (scope != null) {
        scopes = EnumSet.of(requireScope(scope));
      }
      TagRequest request = new TagRequest(scopes, filter, range);
      result = names(call, request, limits);
      for (AttributeScope s : scopes) {
        List<String> names = result.names().getOrDefault(s, List.of());
        if (!names.isEmpty()) {
          out.addScopes(
              SearchTagsV2Scope.newBuilder().setName(s.keyword()).addAllTags(new TreeSet<>(names)));
        }
      }
    }
    if (scope == null || scope.equals(TagParams.INTRINSIC)) {
      out.addScopes(
          SearchTagsV2Scope.newBuilder()
              .setName(TagParams.INTRINSIC)
              .addAllTags(VirtualTags.INTRINSIC_NAMES));
    }
    long inspected = result == null ? 0 : result.inspectedBytes();
    return new Answer<>(out.setMetrics(metrics(inspected)).build(), result);
  }

  @Get("regex:^/api/search/tag/.+/values$")
  @Blocking
  public HttpResponse v1Values(
      ServiceRequestContext ctx, QueryParams params, RequestHeaders headers) {
    Call call = call(ctx, headers);
    return respond(
        headers, v1Values(call, TagPath.tagName(ctx.path(), prefix + V1_VALUES), params));
  }

  /** The answer of the v1 tag values route; the streaming querier's SearchTagValues too. */
  Answer<SearchTagValuesResponse> v1Values(Call call, String tag, QueryParams params) {
    TimeRange range = TagParams.range(params);
    TagParams.Limits limits = TagParams.limits(params);
    SearchTagValuesResponse.Builder out = SearchTagValuesResponse.newBuilder();
    List<String> fixed = VirtualTags.V1_VALUES.get(tag);
    if (fixed != null) {
      return new Answer<>(out.addAllTagValues(fixed).setMetrics(metrics(0)).build(), null);
    }
    Attribute attribute = new Attribute(AttributeScope.NONE, false, tag);
    TagValuesRequest request = new TagValuesRequest(attribute, null, range);
    TagResult result = values(call, request, limits, TagValues::v1Bytes);
    Set<String> texts = new LinkedHashSet<>();
    for (Static value : sorted(result.values())) {
      if (TagValues.type(value) != null) {
        texts.add(TagValues.text(value));
      }
    }
    return new Answer<>(
        out.addAllTagValues(texts).setMetrics(metrics(result.inspectedBytes())).build(), result);
  }

  @Get("regex:^/api/v2/search/tag/.+/values$")
  @Blocking
  public HttpResponse v2Values(
      ServiceRequestContext ctx, QueryParams params, RequestHeaders headers) {
    Call call = call(ctx, headers);
    return respond(
        headers, v2Values(call, TagPath.tagName(ctx.path(), prefix + V2_VALUES), params));
  }

  /** The answer of the v2 tag values route; the streaming querier's SearchTagValuesV2 too. */
  Answer<SearchTagValuesV2Response> v2Values(Call call, String tagName, QueryParams params) {
    FieldExpression tag = identifier(tagName);
    TimeRange range = TagParams.range(params);
    TagParams.Limits limits = TagParams.limits(params);
    SearchTagValuesV2Response.Builder out = SearchTagValuesV2Response.newBuilder();
    List<Static> fixed = tag instanceof Intrinsic i ? VirtualTags.V2_VALUES.get(i) : null;
    TagResult result = null;
    List<Static> values;
    if (fixed != null) {
      values = fixed;
    } else {
      SpanFilter filter = TagParams.filter(TagParams.get(params, "q"));
      TagValuesRequest request = new TagValuesRequest(tag, filter, range);
      result = values(call, request, limits, TagValues::v2Bytes);
      values = sorted(result.values());
    }
    for (Static value : values) {
      TagValue tagValue = TagValues.v2(value);
      if (tagValue != null) {
        out.addTagValues(tagValue);
      }
    }
    long inspected = result == null ? 0 : result.inspectedBytes();
    return new Answer<>(out.setMetrics(metrics(inspected)).build(), result);
  }

  private TagResult names(Call call, TagRequest request, TagParams.Limits limits) {
    return logIfCut(
        call, engine.tagNames(call.tenants(), request, tagLimits(call, limits), call.cancelled()));
  }

  /** Values of {@code request}, each taking {@code valueBytes} of the byte budget. */
  private TagResult values(
      Call call,
      TagValuesRequest request,
      TagParams.Limits limits,
      ToLongFunction<Static> valueBytes) {
    return logIfCut(
        call,
        engine.tagValues(
            call.tenants(), request, tagLimits(call, limits), valueBytes, call.cancelled()));
  }

  private TagLimits tagLimits(Call call, TagParams.Limits limits) {
    return new TagLimits(
        limits.limit(), limits.maxStaleValues(), maxBytes(call.tenants()), call.timeout());
  }

  /**
   * The {@code max_bytes_per_tag_values_query} of {@code tenants}: the smallest, for a query of
   * several; 0 (no limit) only when none of them has one.
   */
  private long maxBytes(List<String> tenants) {
    long strictest = 0;
    for (String tenant : tenants) {
      long max = maxBytesPerTagValuesQuery.applyAsLong(tenant);
      if (max > 0 && (strictest == 0 || max < strictest)) {
        strictest = max;
      }
    }
    return strictest;
  }

  /** {@code result}, logged when it was cut at the byte budget, as Tempo warns then. */
  private static TagResult logIfCut(Call call, TagResult result) {
    if (result.maxBytesReached()) {
      logger.warn(
          "Tag search for tenants {} stopped at max_bytes_per_tag_values_query: the answer lacks"
              + " some names or values; reduce their cardinality or size",
          call.tenants());
    }
    return result;
  }

  /** The v2 tag as an attribute or intrinsic, with Tempo's 400 when it is neither. */
  private static FieldExpression identifier(String tag) {
    FieldExpression field;
    try {
      field = TraceQL.parseIdentifier(tag);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("please provide a valid tagName: " + e.getMessage(), e);
    }
    if (field instanceof Attribute attribute && attribute.parent()) {
      throw new IllegalArgumentException(
          "please provide a valid tagName: parent attributes are not supported: " + tag);
    }
    return field;
  }

  /** An HTTP request's call: its tenants, the query timeout, and its cancellation. */
  private Call call(ServiceRequestContext ctx, RequestHeaders headers) {
    return new Call(
        tenancy.queryTenantsOf(headers.get(Tenants.ORG_ID_HEADER)),
        timeout,
        ctx.whenRequestCancelling());
  }

  private static AttributeScope requireScope(String keyword) {
    AttributeScope scope = TagParams.attributeScope(keyword);
    if (scope == null) {
      throw new IllegalArgumentException("invalid scope: " + keyword);
    }
    return scope;
  }

  private static List<Static> sorted(List<Static> values) {
    List<Static> out = new ArrayList<>(values);
    out.sort(TagValues.ORDER);
    return out;
  }

  private static MetadataMetrics metrics(long inspectedBytes) {
    return MetadataMetrics.newBuilder().setInspectedBytes(inspectedBytes).build();
  }

  /** {@code answer} over HTTP, marked when it is incomplete as {@link SearchService} marks one. */
  private HttpResponse respond(RequestHeaders headers, Answer<?> answer) {
    ResponseHeadersBuilder response = ResponseHeaders.builder(HttpStatus.OK);
    TagResult result = answer.result();
    if (result != null && result.isPartial()) {
      String missing = PartialAnswers.describe(result.timedOut(), result.failures(), timeout);
      logger.debug("Tag search is incomplete: {}", missing);
      if (result.isEmpty()) {
        return PartialAnswers.nothingFound("names or values", result.failures(), missing);
      }
      response.add(PartialAnswers.HEADER, PartialAnswers.headerValue(missing));
    }
    Message message = answer.message();
    if (TraceByIdService.wantsProtobuf(headers)) {
      response.contentType(TraceByIdService.PROTOBUF);
      return HttpResponse.of(response.build(), HttpData.wrap(message.toByteArray()));
    }
    response.contentType(MediaType.JSON);
    return HttpResponse.of(response.build(), HttpData.ofUtf8(TraceByIdService.print(message)));
  }
}
