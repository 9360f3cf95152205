package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.grpc.protocol.ArmeriaStatusException;
import dev.vivace.search.SearchProgress;
import dev.vivace.search.SearchResult;
import dev.vivace.search.TraceMatch;
import dev.vivace.tempopb.SearchMetrics;
import dev.vivace.tempopb.SearchResponse;
import dev.vivace.tempopb.TraceSearchMetadata;
import dev.vivace.trace.TraceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The responses of one streaming search, as Tempo sends them: every {@link #flush()} (about every
 * 500 ms) a message with the traces that are new or changed since the last one and the counters so
 * far, then a final message with what is still unsent of the result and the final counters, then
 * status OK. Each message stays under the client's limit; more traces go in more messages.
 *
 * <p>Thread-safe: results arrive on the tiers' threads, flushes on a timer.
 */
final class SearchStream implements SearchProgress {

  private final HttpResponseWriter writer;
  private final int maxMessageBytes;

  /** Guards everything below, and orders the writes. */
  private final Object lock = new Object();

  private final Map<TraceId, TraceMatch> pending = new LinkedHashMap<>();
  private final Map<TraceId, TraceMatch> sent = new HashMap<>();
  private dev.vivace.search.@Nullable SearchMetrics live;
  private @Nullable SearchMetrics lastMetrics;
  private boolean closed;

  SearchStream(HttpResponseWriter writer, int maxMessageBytes) {
    this.writer = requireNonNull(writer, "writer");
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void started(dev.vivace.search.SearchMetrics metrics) {
    synchronized (lock) {
      live = metrics;
    }
  }

  @Override
  public void updated(TraceMatch match) {
    synchronized (lock) {
      if (!closed) {
        pending.put(match.traceId(), match);
      }
    }
  }

  /** Sends what changed since the last message, if anything did. */
  void flush() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      List<TraceMatch> changed = unsent(pending.values());
      pending.clear();
      SearchMetrics metrics =
          live == null ? SearchMetrics.getDefaultInstance() : SearchResponses.metrics(live);
      if (changed.isEmpty() && Objects.equals(metrics, lastMetrics)) {
        return;
      }
      send(changed, metrics);
    }
  }

  /**
   * Sends the rest of {@code result} with its counters, and ends the call with OK; or, when some
   * data could not be searched, with INTERNAL naming it (as Tempo fails a search when one of its
   * jobs fails), since the results may then miss traces and the response has no field to say so;
   * or, when the search ran out of {@code timeout} before finding anything, with DEADLINE_EXCEEDED,
   * since an empty answer would say that nothing matches. A search that ran out of time after
   * finding traces ends with OK and the trailer {@value PartialAnswers#HEADER}, as the HTTP route
   * sets that header, and its last counters have fewer jobs completed than planned.
   */
  void finish(SearchResult result, Duration timeout) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      pending.clear();
      send(unsent(result.traces()), SearchResponses.metrics(result));
      close(
          PartialAnswers.trailers(
              result.timedOut(), result.traces().isEmpty(), result.failures(), timeout));
    }
  }

  /** Ends the call with {@code status}. */
  void fail(ArmeriaStatusException status) {
    synchronized (lock) {
      if (!closed) {
        close(GrpcWire.trailers(status.getCode(), status.getMessage()));
      }
    }
  }

  /** Stops sending: the client went away. */
  void cancel() {
    synchronized (lock) {
      closed = true;
      pending.clear();
    }
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private List<TraceMatch> unsent(Collection<TraceMatch> candidates) {
    List<TraceMatch> out = new ArrayList<>();
    for (TraceMatch match : candidates) {
      if (!match.equals(sent.get(match.traceId()))) {
        out.add(match);
        sent.put(match.traceId(), match);
      }
    }
    return out;
  }

  private void send(List<TraceMatch> traces, SearchMetrics metrics) {
    List<TraceSearchMetadata> protos = new ArrayList<>(traces.size());
    traces.forEach(t -> protos.add(SearchResponses.trace(t)));
    for (SearchResponse response : GrpcSearchResponses.split(protos, metrics, maxMessageBytes)) {
      if (!writer.tryWrite(GrpcWire.frame(response.toByteArray()))) {
        closed = true;
        return;
      }
    }
    lastMetrics = metrics;
  }

  private void close(HttpHeaders trailers) {
    closed = true;
    // False only when the client is gone already, and then there is no one to tell.
    var unused = writer.tryWrite(trailers);
    writer.close();
  }
}
