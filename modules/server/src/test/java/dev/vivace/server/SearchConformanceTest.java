package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.testing.search.SearchConformance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TraceQL conformance table ({@link SearchConformance}) over {@code /api/search} of a whole
 * server: first against live traces, then, after {@code /flush} and a restart, against the same
 * traces in Vivace's blocks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchConformanceTest {

  @TempDir static Path data;
  VivaceServer server;

  @BeforeAll
  void startAndSend() throws Exception {
    server = VivaceServer.create(InProcess.config(data));
    server.start();
    AggregatedHttpResponse res =
        BlockingWebClient.of("http://127.0.0.1:" + server.otlpHttpPort())
            .execute(
                RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                    .contentType(MediaType.parse("application/x-protobuf"))
                    .build(),
                HttpData.wrap(SearchConformance.dataSet().toByteArray()));
    assertThat(res.status().code()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void liveTracesAnswerEveryQueryOfTheTableThenBlocksDo() throws Exception {
    checkTable("live");
    AggregatedHttpResponse flush =
        BlockingWebClient.of("http://127.0.0.1:" + server.queryPort())
            .execute(RequestHeaders.of(HttpMethod.POST, "/flush"));
    assertThat(flush.status().code()).isEqualTo(204);
    // A new process on the same data holds nothing in memory: every answer comes from blocks.
    server.close();
    server = VivaceServer.create(InProcess.config(data));
    server.start();
    checkTable("blocks");
  }

  private void checkTable(String tier) throws Exception {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<List<String>>>> row :
        SearchConformance.table().entrySet()) {
      Map<String, List<List<String>>> actual = search(row.getKey());
      if (!actual.equals(row.getValue())) {
        failures.add(
            tier
                + ": "
                + row.getKey()
                + "\n  expected "
                + row.getValue()
                + "\n  got      "
                + actual);
      }
    }
    assertThat(failures).isEmpty();
  }

  private Map<String, List<List<String>>> search(String q) throws Exception {
    AggregatedHttpResponse res =
        BlockingWebClient.of("http://127.0.0.1:" + server.queryPort())
            .execute(
                RequestHeaders.of(
                    HttpMethod.GET,
                    "/api/search?"
                        + QueryParams.builder()
                            .add("q", q)
                            .add("start", String.valueOf(SearchConformance.T - 60))
                            .add("end", String.valueOf(SearchConformance.T + 600))
                            .add("limit", "100")
                            .add("spss", "0")
                            .build()
                            .toQueryString()));
    assertThat(res.status().code()).as(q + ": " + res.contentUtf8()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(res.contentUtf8());
    Map<String, List<List<String>>> found = new TreeMap<>();
    for (JsonNode trace : body.path("traces")) {
      List<List<String>> sets = new ArrayList<>();
      for (JsonNode set : trace.path("spanSets")) {
        List<String> ids = new ArrayList<>();
        set.path("spans").forEach(span -> ids.add(span.path("spanID").asText()));
        assertThat(set.path("matched").asInt()).as(q).isEqualTo(ids.size());
        sets.add(ids);
      }
      found.put(trace.path("traceID").asText(), sets);
    }
    return SearchConformance.result(found);
  }
}
