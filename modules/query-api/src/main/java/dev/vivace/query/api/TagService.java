package dev.vivace.query.api;

import com.google.protobuf.Message;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchEngine;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tempo's tag discovery: {@code /api/search/tags}, {@code /api/v2/search/tags}, {@code
 * /api/search/tag/{tagName}/values} and {@code /api/v2/search/tag/{tagName}/values}.
 *
 * <p>Names are sorted within each scope; v2 scopes come in the order resource, span, event, link,
 * instrumentation, then the fixed {@code intrinsic} list, and empty scopes are left out. Values
 * found in the data are sorted by {@link TagValues#ORDER}; fixed lists (status and kind keywords,
 * {@code status.code}) keep Tempo's order. Tempo's answers have no partial status, so a search that
 * timed out or could not read some data returns what it found.
 */
final class TagService {

  /** How long a tag search may take before it returns what it has. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final Logger logger = LoggerFactory.getLogger(TagService.class);

  private static final String V1_VALUES = "/api/search/tag/";
  private static final String V2_VALUES = "/api/v2/search/tag/";

  private final Tenancy tenancy;
  private final SearchEngine engine;
  private final String prefix;

  TagService(Tenancy tenancy, SearchEngine engine, String prefix) {
    this.tenancy = tenancy;
    this.engine = engine;
    this.prefix = prefix;
  }

  @Get("/api/search/tags")
  @Blocking
  public HttpResponse v1Tags(QueryParams params, RequestHeaders headers) {
    return respond(headers, v1Tags(tenants(headers), params));
  }

  /** The answer of the v1 tag names route; the streaming querier's SearchTags too. */
  SearchTagsResponse v1Tags(List<String> tenants, QueryParams params) {
    String scope = TagParams.scope(params);
    TimeRange range = TagParams.range(params);
    TagParams.Limits limits = TagParams.limits(params);
    SearchTagsResponse.Builder out = SearchTagsResponse.newBuilder();
    if (TagParams.INTRINSIC.equals(scope)) {
      return out.addAllTagNames(VirtualTags.INTRINSIC_NAMES).setMetrics(metrics(0)).build();
    }
    Set<AttributeScope> scopes =
        scope == null
            ? EnumSet.of(AttributeScope.RESOURCE, AttributeScope.SPAN)
            : EnumSet.of(requireScope(scope));
    TagRequest request = new TagRequest(scopes, null, range);
    TagResult result =
        logIfPartial(
            engine.tagNames(tenants, request, limits.limit(), limits.maxStaleValues(), TIMEOUT));
    Set<String> names = new TreeSet<>();
    result.names().values().forEach(names::addAll);
    return out.addAllTagNames(names).setMetrics(metrics(result.inspectedBytes())).build();
  }

  @Get("/api/v2/search/tags")
  @Blocking
  public HttpResponse v2Tags(QueryParams params, RequestHeaders headers) {
    return respond(headers, v2Tags(tenants(headers), params));
  }

  /** The answer of the v2 tag names route; the streaming querier's SearchTagsV2 too. */
  SearchTagsV2Response v2Tags(List<String> tenants, QueryParams params) {
    String scope = TagParams.scope(params);
    TimeRange range = TagParams.range(params);
    TagParams.Limits limits = TagParams.limits(params);
    SpanFilter filter = TagParams.filter(TagParams.get(params, "q"));
    SearchTagsV2Response.Builder out = SearchTagsV2Response.newBuilder();
    long inspected = 0;
    if (!TagParams.INTRINSIC.equals(scope)) {
      Set<AttributeScope> scopes = EnumSet.allOf(AttributeScope.class);
      scopes.remove(AttributeScope.NONE);
      if (scope != null) {
        scopes = EnumSet.of(requireScope(scope));
      }
      TagRequest request = new TagRequest(scopes, filter, range);
      TagResult result =
          logIfPartial(
              engine.tagNames(tenants, request, limits.limit(), limits.maxStaleValues(), TIMEOUT));
      for (AttributeScope s : scopes) {
        List<String> names = result.names().getOrDefault(s, List.of());
        if (!names.isEmpty()) {
          out.addScopes(
              SearchTagsV2Scope.newBuilder().setName(s.keyword()).addAllTags(new TreeSet<>(names)));
        }
      }
      inspected = result.inspectedBytes();
    }
    if (scope == null || scope.equals(TagParams.INTRINSIC)) {
      out.addScopes(
          SearchTagsV2Scope.newBuilder()
              .setName(TagParams.INTRINSIC)
              .addAllTags(VirtualTags.INTRINSIC_NAMES));
    }
    return out.setMetrics(metrics(inspected)).build();
  }

  @Get("regex:^/api/search/tag/.+/values$")
  @Blocking
  public HttpResponse v1Values(
      ServiceRequestContext ctx, QueryParams params, RequestHeaders headers) {
    List<String> tenants = tenants(headers);
    return respond(
        headers, v1Values(tenants, TagPath.tagName(ctx.path(), prefix + V1_VALUES), params));
  }

  /** The answer of the v1 tag values route; the streaming querier's SearchTagValues too. */
  SearchTagValuesResponse v1Values(List<String> tenants, String tag, QueryParams params) {
    TimeRange range = TagParams.range(params);
    TagParams.Limits limits = TagParams.limits(params);
    SearchTagValuesResponse.Builder out = SearchTagValuesResponse.newBuilder();
    List<String> fixed = VirtualTags.V1_VALUES.get(tag);
    if (fixed != null) {
      return out.addAllTagValues(fixed).setMetrics(metrics(0)).build();
    }
    Attribute attribute = new Attribute(AttributeScope.NONE, false, tag);
    TagValuesRequest request = new TagValuesRequest(attribute, null, range);
    TagResult result =
        logIfPartial(
            engine.tagValues(tenants, request, limits.limit(), limits.maxStaleValues(), TIMEOUT));
    Set<String> texts = new LinkedHashSet<>();
    for (Static value : sorted(result.values())) {
      if (TagValues.type(value) != null) {
        texts.add(TagValues.text(value));
      }
    }
    return out.addAllTagValues(texts).setMetrics(metrics(result.inspectedBytes())).build();
  }

  @Get("regex:^/api/v2/search/tag/.+/values$")
  @Blocking
  public HttpResponse v2Values(
      ServiceRequestContext ctx, QueryParams params, RequestHeaders headers) {
    List<String> tenants = tenants(headers);
    return respond(
        headers, v2Values(tenants, TagPath.tagName(ctx.path(), prefix + V2_VALUES), params));
  }

  /** The answer of the v2 tag values route; the streaming querier's SearchTagValuesV2 too. */
  SearchTagValuesV2Response v2Values(List<String> tenants, String tagName, QueryParams params) {
    FieldExpression tag = identifier(tagName);
    TimeRange range = TagParams.range(params);
    TagParams.Limits limits = TagParams.limits(params);
    SearchTagValuesV2Response.Builder out = SearchTagValuesV2Response.newBuilder();
    List<Static> fixed = tag instanceof Intrinsic i ? VirtualTags.V2_VALUES.get(i) : null;
    long inspected = 0;
    List<Static> values;
    if (fixed != null) {
      values = fixed;
    } else {
      SpanFilter filter = TagParams.filter(TagParams.get(params, "q"));
      TagValuesRequest request = new TagValuesRequest(tag, filter, range);
      TagResult result =
          logIfPartial(
              engine.tagValues(tenants, request, limits.limit(), limits.maxStaleValues(), TIMEOUT));
      values = sorted(result.values());
      inspected = result.inspectedBytes();
    }
    for (Static value : values) {
      TagValue tagValue = TagValues.v2(value);
      if (tagValue != null) {
        out.addTagValues(tagValue);
      }
    }
    return out.setMetrics(metrics(inspected)).build();
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

  private List<String> tenants(RequestHeaders headers) {
    return tenancy.queryTenantsOf(headers.get(Tenants.ORG_ID_HEADER));
  }

  private static AttributeScope requireScope(String keyword) {
    AttributeScope scope = TagParams.attributeScope(keyword);
    if (scope == null) {
      throw new IllegalArgumentException("invalid scope: " + keyword);
    }
    return scope;
  }

  /** {@code result}, logged when it is incomplete, since Tempo's answers cannot say so. */
  private static TagResult logIfPartial(TagResult result) {
    if (result.timedOut() || !result.failures().isEmpty()) {
      logger.debug(
          "Tag search returned what it found: timed out {}, {} failures",
          result.timedOut(),
          result.failures().size());
    }
    return result;
  }

  private static List<Static> sorted(List<Static> values) {
    List<Static> out = new ArrayList<>(values);
    out.sort(TagValues.ORDER);
    return out;
  }

  private static MetadataMetrics metrics(long inspectedBytes) {
    return MetadataMetrics.newBuilder().setInspectedBytes(inspectedBytes).build();
  }

  private static HttpResponse respond(RequestHeaders headers, Message message) {
    if (TraceByIdService.wantsProtobuf(headers)) {
      return HttpResponse.of(HttpStatus.OK, TraceByIdService.PROTOBUF, message.toByteArray());
    }
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON, TraceByIdService.print(message));
  }
}
