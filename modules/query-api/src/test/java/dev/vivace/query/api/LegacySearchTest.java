package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.RootExpr;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The legacy tag search, checked by evaluating the query it builds against spans. */
class LegacySearchTest {

  private static boolean matches(Map<String, String> tags, long minMs, long maxMs, TestSpan span) {
    RootExpr query = LegacySearch.query(tags, minMs, maxMs);
    // The query is canonical TraceQL: it parses back to the same tree.
    assertThat(TraceQL.parse(query.toString())).isEqualTo(query);
    return !TraceQuery.compile(query).evaluate(List.of(span)).isEmpty();
  }

  private static boolean matches(String key, String value, TestSpan span) {
    return matches(Map.of(key, value), 0, 0, span);
  }

  @Test
  void noTagsMatchEverySpan() {
    assertThat(LegacySearch.query(Map.of(), 0, 0).toString()).isEqualTo("{ true }");
    assertThat(matches(Map.of(), 0, 0, new TestSpan())).isTrue();
  }

  @Test
  void wellKnownResourceColumnsMatchASubstring() {
    TestSpan span = new TestSpan().resource("service.name", "checkout-api");
    assertThat(matches("service.name", "checkout", span)).isTrue();
    assertThat(matches("service.name", "out-a", span)).isTrue();
    assertThat(matches("service.name", "checkout-api", span)).isTrue();
    assertThat(matches("service.name", "Checkout", span)).isFalse();
    assertThat(matches("service.name", "cart", span)).isFalse();
    // A resource column, not a span attribute of that name.
    assertThat(matches("service.name", "x", new TestSpan().span("service.name", "x"))).isFalse();
    for (String key :
        List.of(
            "cluster",
            "namespace",
            "pod",
            "container",
            "k8s.cluster.name",
            "k8s.namespace.name",
            "k8s.pod.name",
            "k8s.container.name")) {
      assertThat(matches(key, "rod", new TestSpan().resource(key, "prod-1"))).as(key).isTrue();
      assertThat(matches(key, "dev", new TestSpan().resource(key, "prod-1"))).as(key).isFalse();
    }
  }

  @Test
  void wellKnownSpanColumnsMatchASubstring() {
    TestSpan span =
        new TestSpan()
            .span("http.method", "POST")
            .span("http.url", "https://shop/cart?id=1")
            .intrinsic(Intrinsic.NAME, new Static.StringValue("GET /cart"));
    assertThat(matches("http.method", "OS", span)).isTrue();
    assertThat(matches("http.url", "/cart?id", span)).isTrue();
    assertThat(matches("http.url", "/basket", span)).isFalse();
    assertThat(matches("name", "/car", span)).isTrue();
    assertThat(matches("name", "PUT", span)).isFalse();
  }

  @Test
  void rootColumnsMatchASubstringOfTheTrace() {
    TestSpan span =
        new TestSpan()
            .intrinsic(Intrinsic.ROOT_NAME, new Static.StringValue("POST /checkout"))
            .intrinsic(Intrinsic.ROOT_SERVICE_NAME, new Static.StringValue("frontend"));
    assertThat(matches("root.name", "checkout", span)).isTrue();
    assertThat(matches("root.name", "GET", span)).isFalse();
    assertThat(matches("root.service.name", "front", span)).isTrue();
    assertThat(matches("root.service.name", "back", span)).isFalse();
  }

  @Test
  void substringsAreLiteralEvenWithRegexMetacharacters() {
    String nasty = "a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o\\Ep\\Qq";
    TestSpan span = new TestSpan().span("http.url", "x" + nasty + "y");
    assertThat(matches("http.url", nasty, span)).isTrue();
    // "." is not a wildcard, "*" not a repetition.
    assertThat(matches("http.url", "a.b", new TestSpan().span("http.url", "axb"))).isFalse();
    assertThat(matches("http.url", "a*", new TestSpan().span("http.url", "b"))).isFalse();
    // Values spanning lines still contain the substring.
    assertThat(matches("http.url", "b", new TestSpan().span("http.url", "a\nb\nc"))).isTrue();
    assertThat(Pattern.compile(LegacySearch.substringPattern(nasty)).matcher(nasty).matches())
        .isTrue();
  }

  @Test
  void httpStatusCodeIsAnIntegerEquality() {
    TestSpan span = new TestSpan().span("http.status_code", new Static.IntValue(500));
    assertThat(matches("http.status_code", "500", span)).isTrue();
    assertThat(matches("http.status_code", "50", span)).isFalse();
    assertThat(matches("http.status_code", "404", span)).isFalse();
    // Not an integer: an exact string match instead.
    TestSpan text = new TestSpan().span("http.status_code", "5xx");
    assertThat(matches("http.status_code", "5xx", text)).isTrue();
    assertThat(matches("http.status_code", "5x", text)).isFalse();
  }

  @Test
  void statusCodeIsTheSpanStatus() {
    TestSpan error =
        new TestSpan().intrinsic(Intrinsic.STATUS, new Static.StatusValue(Static.StatusCode.ERROR));
    TestSpan unset =
        new TestSpan().intrinsic(Intrinsic.STATUS, new Static.StatusValue(Static.StatusCode.UNSET));
    assertThat(matches("status.code", "error", error)).isTrue();
    assertThat(matches("status.code", "ok", error)).isFalse();
    assertThat(matches("status.code", "unset", unset)).isTrue();
    // As in Tempo, a value that is no status means unset.
    assertThat(matches("status.code", "bogus", unset)).isTrue();
    assertThat(matches("status.code", "bogus", error)).isFalse();
  }

  @Test
  void otherKeysMatchASpanOrResourceAttributeExactly() {
    assertThat(matches("region", "eu", new TestSpan().span("region", "eu"))).isTrue();
    assertThat(matches("region", "eu", new TestSpan().resource("region", "eu"))).isTrue();
    assertThat(matches("region", "e", new TestSpan().resource("region", "eu"))).isFalse();
    assertThat(
            matches("region", "eu", new TestSpan().span("region", "us").resource("region", "eu")))
        .isTrue();
    // Only string values: an integer attribute never equals the text.
    assertThat(matches("retries", "3", new TestSpan().span("retries", new Static.IntValue(3))))
        .isFalse();
    assertThat(matches("region", "eu", new TestSpan())).isFalse();
  }

  @Test
  void allConditionsMustHoldOnTheSameSpan() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("service.name", "checkout");
    tags.put("http.method", "POST");
    TestSpan both = new TestSpan().resource("service.name", "checkout").span("http.method", "POST");
    TestSpan one = new TestSpan().resource("service.name", "checkout").span("http.method", "GET");
    assertThat(matches(tags, 0, 0, both)).isTrue();
    assertThat(matches(tags, 0, 0, one)).isFalse();
  }

  @Test
  void durationsBoundTheTraceDurationInclusively() {
    TestSpan oneSecond =
        new TestSpan()
            .intrinsic(Intrinsic.TRACE_DURATION, new Static.DurationValue(1_000_000_000L));
    assertThat(matches(Map.of(), 1000, 0, oneSecond)).isTrue();
    assertThat(matches(Map.of(), 1001, 0, oneSecond)).isFalse();
    assertThat(matches(Map.of(), 0, 1000, oneSecond)).isTrue();
    assertThat(matches(Map.of(), 0, 999, oneSecond)).isFalse();
    assertThat(matches(Map.of(), 500, 2000, oneSecond)).isTrue();
    // The span's own duration does not count.
    TestSpan shortSpan =
        new TestSpan()
            .intrinsic(Intrinsic.DURATION, new Static.DurationValue(5_000_000_000L))
            .intrinsic(Intrinsic.TRACE_DURATION, new Static.DurationValue(1_000_000L));
    assertThat(matches(Map.of(), 1000, 0, shortSpan)).isFalse();
  }

  @Test
  void printsAsTraceQL() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("service.name", "a.b");
    tags.put("http.status_code", "500");
    tags.put("status.code", "error");
    tags.put("region", "eu");
    assertThat(LegacySearch.query(tags, 100, 0).toString())
        .isEqualTo(
            "{ (((((resource.service.name =~ \"(?s).*a\\\\.b.*\")"
                + " && (span.http.status_code = 500)) && (status = error))"
                + " && ((span.region = \"eu\") || (resource.region = \"eu\")))"
                + " && (traceDuration >= 100ms)) }");
  }
}
