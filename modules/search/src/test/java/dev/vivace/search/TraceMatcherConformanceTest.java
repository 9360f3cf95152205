package dev.vivace.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.query.TimeRange;
import dev.vivace.testing.search.SearchConformance;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.TraceSplitter;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The conformance table, evaluated over whole traces as the in-memory tiers evaluate them. */
class TraceMatcherConformanceTest {

  @Test
  void everyQueryOfTheTable() {
    Map<TraceId, List<ResourceSpans>> traces =
        TraceSplitter.split(SearchConformance.dataSet().getResourceSpansList());
    TimeRange range = new TimeRange(SearchConformance.T - 60, SearchConformance.T + 600);
    List<String> failures = new ArrayList<>();
    SearchConformance.table()
        .forEach(
            (query, expected) -> {
              SearchRequest request =
                  new SearchRequest(TraceQuery.compile(TraceQL.parse(query)), range, 100, 0);
              Map<String, List<List<String>>> found = new TreeMap<>();
              traces.forEach(
                  (id, batches) -> {
                    TraceMatch match = TraceMatcher.match(request, id, batches);
                    if (match != null) {
                      List<List<String>> sets = new ArrayList<>();
                      for (SpansetMatch set : match.spansets()) {
                        assertThat(set.matched()).as(query).isEqualTo(set.spans().size());
                        sets.add(set.spans().stream().map(SpanMatch::spanId).toList());
                      }
                      found.put(id.toHex(), sets);
                    }
                  });
              Map<String, List<List<String>>> actual = SearchConformance.result(found);
              if (!actual.equals(expected)) {
                failures.add(query + "\n  expected " + expected + "\n  got      " + actual);
              }
            });
    assertThat(failures).isEmpty();
  }
}
