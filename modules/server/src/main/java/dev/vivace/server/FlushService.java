package dev.vivace.server;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.vivace.ingester.Ingester;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code /flush}: cuts every trace held (live or in head blocks) into blocks and answers once every
 * block is in storage, with Tempo's 204. When a block write fails it answers 503 at once, naming
 * the storage failure; when the writes take longer than the timeout, 503 as well. Either way
 * nothing is lost: the blocks stay in their head block files and in the write-ahead log, and their
 * writes go on (failed ones are retried with backoff).
 */
final class FlushService implements HttpService {

  /** A block's write may end between two checks of the pending count; look again this often. */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Ingester ingester;
  private final FlushOutcomes outcomes;
  private final Duration timeout;

  FlushService(Ingester ingester, FlushOutcomes outcomes, Duration timeout) {
    this.ingester = requireNonNull(ingester, "ingester");
    this.outcomes = requireNonNull(outcomes, "outcomes");
    this.timeout = requireNonNull(timeout, "timeout");
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(CompletableFuture.supplyAsync(this::flush, ctx.blockingTaskExecutor()));
  }

  private HttpResponse flush() {
    long failuresBefore = outcomes.failures();
    long deadline = System.nanoTime() + timeout.toNanos();
    // With no time to wait, this only cuts the blocks and queues their writes.
    if (ingester.flushAll(Duration.ZERO)) {
      return HttpResponse.of(HttpStatus.NO_CONTENT);
    }
    try {
      while (ingester.pendingBlocks() > 0) {
        @Nullable String failure = outcomes.failureSince(failuresBefore);
        if (failure != null) {
          return unavailable("writing blocks to storage failed: " + failure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return unavailable("blocks are still being written after " + timeout.toSeconds() + "s");
        }
        outcomes.awaitWrite(Math.min(left, RECHECK_NANOS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable("interrupted while waiting for the blocks to be written");
    }
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  private HttpResponse unavailable(String why) {
    return HttpResponse.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        MediaType.PLAIN_TEXT_UTF_8,
        "flush did not complete: "
            + why
            + "; "
            + ingester.pendingBlocks()
            + " blocks stay in their head block files and in the write-ahead log until they are in"
            + " storage\n");
  }
}
