package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagSearcher;
import dev.vivace.search.TagSink;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.search.TraceSearcher;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/search} and the tag routes stop searching when their client goes away: the tier,
 * which would search for minutes, sees its sink done.
 */
class SearchCancellationTest {

  static final ExecutorService executor = Executors.newCachedThreadPool();
  static final Semaphore started = new Semaphore(0);
  static final AtomicInteger stoppedEarly = new AtomicInteger();

  /**
   * Searches until {@code done}, or for ten minutes, and counts the searches stopped early, for the
   * tiers below.
   */
  static void searchUntil(BooleanSupplier done) {
    started.release();
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!done.getAsBoolean() && System.nanoTime() < giveUp) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (done.getAsBoolean()) {
      stoppedEarly.incrementAndGet();
    }
  }

  static final TraceSearcher endless = (tenant, request, sink) -> searchUntil(sink::isDone);

  static final TagSearcher endlessTags =
      new TagSearcher() {
        @Override
        public void tagNames(String tenant, TagRequest request, TagSink sink) {
          searchUntil(sink::isDone);
        }

        @Override
        public void tagValues(String tenant, TagValuesRequest request, TagSink sink) {
          searchUntil(sink::isDone);
        }
      };

  /** The search's own deadline is an hour away: only the client can stop it. */
  static final SearchLimits PATIENT =
      StreamingQuerierServiceTest.limitsWithTimeout(Duration.ofHours(1));

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(SearchApiTest.NO_TRACES)
              .search(new SearchEngine(List.of(endless), List.of(endlessTags), executor))
              .searchLimits(PATIENT)
              .build()
              .addTo(sb);
        }
      };

  @AfterAll
  static void shutDown() {
    executor.shutdownNow();
  }

  @BeforeEach
  void reset() {
    started.drainPermits();
    stoppedEarly.set(0);
  }

  @Test
  void anHttp1ClientClosingItsConnectionStopsTheSearch() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/search?q=%7B%7D HTTP/1.1\r\n"
                  + "Host: localhost\r\n"
                  + "Accept: application/json\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      assertThat(stoppedEarly).hasValue(0);
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(stoppedEarly).hasValue(1));
  }

  @Test
  void anHttp2ClientResettingTheStreamStopsTheSearch() throws Exception {
    resetOnceStarted("/api/search?q=%7B%7D");
  }

  @Test
  void aTagSearchStopsWhenItsClientGoesAway() throws Exception {
    resetOnceStarted("/api/v2/search/tag/span.x/values");
  }

  /** Gets {@code path} over HTTP/2, resets the stream once the tier searches, awaits its stop. */
  static void resetOnceStarted(String path) throws InterruptedException {
    WebClient client = WebClient.of(SessionProtocol.H2C, server.httpEndpoint());
    HttpResponse response = client.get(path);
    assertThat(started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    response.abort();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(stoppedEarly).hasValue(1));
  }
}
