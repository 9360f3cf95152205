package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.tempopb.MetadataMetrics;
import dev.vivace.tempopb.SearchTagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesResponse;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsRequest;
import dev.vivace.tempopb.SearchTagsResponse;
import dev.vivace.tempopb.SearchTagsV2Response;
import dev.vivace.tempopb.SearchTagsV2Scope;
import dev.vivace.tempopb.TagValue;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.Static;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The four tag calls of the streaming querier; each answers with one message. Blocking. */
final class GrpcTags {

  private static final List<String> STATUS_KEYWORDS = List.of("ok", "error", "unset");
  private static final List<String> KIND_KEYWORDS =
      List.of("client", "server", "producer", "consumer", "internal", "unspecified");

  private final SearchEngine engine;

  GrpcTags(SearchEngine engine) {
    this.engine = requireNonNull(engine, "engine");
  }

  SearchTagsResponse tags(List<String> tenants, SearchTagsRequest r, Duration timeout) {
    Set<AttributeScope> scopes = GrpcTagRequests.scopes(r.getScope(), false);
    TagResult found = names(tenants, r, scopes, timeout);
    Set<String> names = new TreeSet<>();
    found.names().values().forEach(names::addAll);
    if (GrpcTagRequests.wantsIntrinsics(r.getScope(), false)) {
      names.addAll(GrpcTagRequests.INTRINSICS);
    }
    return SearchTagsResponse.newBuilder().addAllTagNames(names).setMetrics(metrics(found)).build();
  }

  SearchTagsV2Response tagsV2(List<String> tenants, SearchTagsRequest r, Duration timeout) {
    Set<AttributeScope> scopes = GrpcTagRequests.scopes(r.getScope(), true);
    TagResult found = names(tenants, r, scopes, timeout);
    SearchTagsV2Response.Builder out = SearchTagsV2Response.newBuilder();
    for (AttributeScope scope : scopes) {
      List<String> names = found.names().getOrDefault(scope, List.of());
      if (!names.isEmpty()) {
        out.addScopes(SearchTagsV2Scope.newBuilder().setName(scope.keyword()).addAllTags(names));
      }
    }
    if (GrpcTagRequests.wantsIntrinsics(r.getScope(), true)) {
      out.addScopes(
          SearchTagsV2Scope.newBuilder()
              .setName("intrinsic")
              .addAllTags(GrpcTagRequests.INTRINSICS));
    }
    return out.setMetrics(metrics(found)).build();
  }

  private TagResult names(
      List<String> tenants, SearchTagsRequest r, Set<AttributeScope> scopes, Duration timeout) {
    TagRequest request =
        new TagRequest(
            scopes,
            GrpcTagRequests.filter(r.getQuery()),
            GrpcTagRequests.range(r.getStart(), r.getEnd()));
    if (scopes.isEmpty()) {
      return new TagResult(java.util.Map.of(), List.of(), 0, List.of(), false);
    }
    return engine.tagNames(
        tenants,
        request,
        count(r.getMaxTagsPerScope()),
        count(r.getStaleValuesThreshold()),
        timeout);
  }

  SearchTagValuesResponse values(List<String> tenants, SearchTagValuesRequest r, Duration timeout) {
    SearchTagValuesResponse.Builder out = SearchTagValuesResponse.newBuilder();
    switch (r.getTagName()) {
      case "status.code" -> out.addAllTagValues(List.of("unset", "ok", "error"));
      case "error" -> out.addTagValues("true");
      default -> {
        TagResult found = values(tenants, GrpcTagRequests.unscoped(r.getTagName()), r, timeout);
        found.values().forEach(v -> out.addTagValues(typed(v).getValue()));
        out.setMetrics(metrics(found));
      }
    }
    return out.build();
  }

  SearchTagValuesV2Response valuesV2(
      List<String> tenants, SearchTagValuesRequest r, Duration timeout) {
    FieldExpression tag = GrpcTagRequests.identifier(r.getTagName());
    SearchTagValuesV2Response.Builder out = SearchTagValuesV2Response.newBuilder();
    if (tag == Intrinsic.STATUS) {
      STATUS_KEYWORDS.forEach(k -> out.addTagValues(keyword(k)));
    } else if (tag == Intrinsic.KIND) {
      KIND_KEYWORDS.forEach(k -> out.addTagValues(keyword(k)));
    } else if (tag != Intrinsic.DURATION && tag != Intrinsic.TRACE_DURATION) {
      TagResult found = values(tenants, tag, r, timeout);
      found.values().forEach(v -> out.addTagValues(typed(v)));
      out.setMetrics(metrics(found));
    }
    return out.build();
  }

  private TagResult values(
      List<String> tenants, FieldExpression tag, SearchTagValuesRequest r, Duration timeout) {
    TagValuesRequest request =
        new TagValuesRequest(
            tag,
            GrpcTagRequests.filter(r.getQuery()),
            GrpcTagRequests.range(r.getStart(), r.getEnd()));
    return engine.tagValues(
        tenants, request, count(r.getMaxTagValues()), count(r.getStaleValueThreshold()), timeout);
  }

  /** A uint32 count as a non-negative int; 0 means unlimited. */
  private static int count(int uint32) {
    return (int) Math.min(Integer.toUnsignedLong(uint32), Integer.MAX_VALUE);
  }

  private static MetadataMetrics metrics(TagResult found) {
    return MetadataMetrics.newBuilder().setInspectedBytes(found.inspectedBytes()).build();
  }

  private static TagValue keyword(String keyword) {
    return TagValue.newBuilder().setType("keyword").setValue(keyword).build();
  }

  /** A value with the type Grafana's query builder quotes by: only {@code string} is quoted. */
  static TagValue typed(Static value) {
    TagValue.Builder out = TagValue.newBuilder();
    if (value instanceof Static.StringValue s) {
      out.setType("string").setValue(s.value());
    } else if (value instanceof Static.IntValue i) {
      out.setType("int").setValue(Long.toString(i.value()));
    } else if (value instanceof Static.FloatValue f) {
      out.setType("float").setValue(goFloat(f.value()));
    } else if (value instanceof Static.BoolValue b) {
      out.setType("bool").setValue(Boolean.toString(b.value()));
    } else if (value instanceof Static.DurationValue d) {
      out.setType("duration").setValue(GoDurations.format(d.nanos()));
    } else {
      out.setType("keyword").setValue(value.toString());
    }
    return out.build();
  }

  /**
   * A float as Go's shortest {@code 'g'} format writes it: {@code 2}, {@code 0.25}, {@code 1e+21}.
   */
  static String goFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    double abs = Math.abs(value);
    if (abs == 0 || (abs >= 1e-4 && abs < 1e21)) {
      return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
    String java = Double.toString(value);
    int e = java.indexOf('E');
    String mantissa = new BigDecimal(java.substring(0, e)).stripTrailingZeros().toPlainString();
    int exponent = Integer.parseInt(java.substring(e + 1));
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }
}
