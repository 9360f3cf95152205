package dev.vivace.block.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockMetaJson;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchResult;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.search.TraceMatch;
import dev.vivace.search.TraceMatcher;
import dev.vivace.storage.ObjectStore;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Search and tags on Tempo's own vParquet4 block agree with its traces read by ID. */
class FixtureSearchTest {

  static final String BLOCK =
      TempoFixtures.VPARQUET4_TENANT + "/" + TempoFixtures.VPARQUET4_BLOCK_ID + "/";
  static final TimeRange WINDOW = new TimeRange(1656933000L, 1656934000L);

  /** Queries over the fixture's traces, all but the last matching some. */
  static final List<String> QUERIES =
      List.of(
          "{ }",
          "{ resource.service.name = \"cartservice\" }",
          "{ span.http.method = \"GET\" && name = \"/cart\" }",
          "{ span.region = \"us-east-1\" }",
          "{ resource.ip != nil && span.sampler.type = \"const\" }",
          "{ span.sampler.param = true }",
          "{ span.http.status_code >= 400 }",
          "{ .host.name =~ \".*\" && duration > 300ms }",
          "{ resource.service.name = \"nope\" }",
          "{ span.root_cause_error != nil }");

  private final ObjectStore fixture = LocalObjectStore.of(TempoFixtures.vparquet4BackendRoot());
  private final BlockMeta meta = BlockMetaJson.parse(fixture.get(BLOCK + "meta.json"));
  private final VParquet4BlockReader reader = VParquet4BlockReader.of(fixture, meta);
  private final SearchEngine engine =
      new SearchEngine(
          List.of((tenant, request, sink) -> reader.search(request, sink)),
          List.of(
              new dev.vivace.search.TagSearcher() {
                @Override
                public void tagNames(
                    String tenant, TagRequest request, dev.vivace.search.TagSink sink) {
                  reader.tagNames(request, sink);
                }

                @Override
                public void tagValues(
                    String tenant, TagValuesRequest request, dev.vivace.search.TagSink sink) {
                  reader.tagValues(request, sink);
                }
              }),
          Runnable::run);

  @Test
  void searchesMatchWhatTheTracesReadByIdMatch() {
    List<String> queries = QUERIES;
    int nonEmpty = 0;
    for (String q : queries) {
      SearchRequest request =
          new SearchRequest(TraceQuery.compile(TraceQL.parse(q)), WINDOW, 100_000, 0);
      Map<String, TraceMatch> want = new HashMap<>();
      for (FixtureTraces t : FixtureTraces.all()) {
        TraceMatch m =
            TraceMatcher.match(request, t.traceId(), reader.find(t.traceId()).fragments());
        if (m != null) {
          want.put(t.traceId().toHex(), m);
        }
      }
      SearchResult got =
          engine.search(
              List.of(TempoFixtures.VPARQUET4_TENANT), request, Duration.ofMinutes(1), null);
      Map<String, TraceMatch> byId = new HashMap<>();
      got.traces().forEach(m -> byId.put(m.traceId().toHex(), m));
      assertThat(byId).as(q).isEqualTo(want);
      nonEmpty += want.isEmpty() ? 0 : 1;
      assertThat(got.metrics().inspectedBytes()).as(q).isPositive();
    }
    assertThat(nonEmpty).isEqualTo(queries.size() - 1);
  }

  @Test
  void tagNamesIncludeDedicatedAndWellKnownColumns() {
    TagResult got =
        engine.tagNames(
            List.of(TempoFixtures.VPARQUET4_TENANT),
            new TagRequest(Set.of(AttributeScope.RESOURCE, AttributeScope.SPAN), null, WINDOW),
            0,
            0,
            Duration.ofMinutes(1));
    assertThat(got.names().get(AttributeScope.RESOURCE))
        .contains("service.name", "ip", "host.name", "opencensus.exporterversion");
    assertThat(got.names().get(AttributeScope.SPAN))
        .contains(
            "http.method",
            "http.url",
            "http.status_code",
            "instance",
            "version",
            "region",
            "sampler.type",
            "sampler.param",
            "root_cause_error");
  }

  @Test
  void tagValuesAreTypedWithAndWithoutAFilter() {
    TagResult services =
        values(new Attribute(AttributeScope.RESOURCE, false, "service.name"), null);
    assertThat(services.values())
        .containsExactlyInAnyOrder(
            Static.class.cast(new Static.StringValue("frontend")),
            new Static.StringValue("productcatalogservice"),
            new Static.StringValue("recommendationservice"),
            new Static.StringValue("cartservice"),
            new Static.StringValue("adservice"),
            new Static.StringValue("shippingservice"),
            new Static.StringValue("currencyservice"),
            new Static.StringValue("checkoutservice"),
            new Static.StringValue("emailservice"),
            new Static.StringValue("paymentservice"));
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "sampler.param"), null).values())
        .containsExactly(new Static.BoolValue(true));
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "http.status_code"), null).values())
        .isNotEmpty()
        .allMatch(v -> v instanceof Static.IntValue);
    assertThat(values(Intrinsic.ROOT_NAME, null).values())
        .containsExactlyInAnyOrder(
            Static.class.cast(new Static.StringValue("/cart")),
            new Static.StringValue("/product"),
            new Static.StringValue("/shipping"),
            new Static.StringValue("/checkout"),
            new Static.StringValue("/currency"));

    SpanFilter cart =
        SpanFilter.compile(TraceQL.parse("{ resource.service.name = \"cartservice\" }"));
    assertThat(values(new Attribute(AttributeScope.RESOURCE, false, "service.name"), cart).values())
        .containsExactly(new Static.StringValue("cartservice"));
  }

  private TagResult values(dev.vivace.traceql.FieldExpression tag, SpanFilter filter) {
    return engine.tagValues(
        List.of(TempoFixtures.VPARQUET4_TENANT),
        new TagValuesRequest(tag, filter, WINDOW),
        0,
        0,
        Duration.ofMinutes(1));
  }
}
