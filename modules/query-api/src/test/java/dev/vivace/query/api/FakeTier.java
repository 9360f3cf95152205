package dev.vivace.query.api;

import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchSink;
import dev.vivace.search.TraceMatch;
import dev.vivace.search.TraceSearcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A tier that holds fixed matches per tenant and remembers the last request of each tenant. A
 * tenant listed in {@code failures} also reports that failure; one listed in {@code stuck} offers
 * its matches and then waits for {@link #release()}, so that the search times out.
 */
final class FakeTier implements TraceSearcher {

  final Map<String, List<TraceMatch>> matches;
  final Map<String, String> failures;
  final List<String> stuck;
  final Map<String, SearchRequest> lastRequest = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);

  FakeTier(
      Map<String, List<TraceMatch>> matches, Map<String, String> failures, List<String> stuck) {
    this.matches = Map.copyOf(matches);
    this.failures = Map.copyOf(failures);
    this.stuck = List.copyOf(stuck);
  }

  void release() {
    released.countDown();
  }

  @Override
  public void search(String tenant, SearchRequest request, SearchSink sink) {
    lastRequest.put(tenant, request);
    List<TraceMatch> found = matches.getOrDefault(tenant, List.of());
    sink.metrics().jobsPlanned(1);
    for (TraceMatch match : found) {
      if (!sink.offer(match)) {
        break;
      }
    }
    if (!found.isEmpty()) {
      sink.metrics().inspected(found.size() * 10L, found.size() * 100L, 292781);
      sink.metrics().block(1_000_000);
    }
    String failure = failures.get(tenant);
    if (failure != null) {
      sink.failure(failure);
    }
    if (stuck.contains(tenant)) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sink.metrics().jobCompleted();
  }
}
