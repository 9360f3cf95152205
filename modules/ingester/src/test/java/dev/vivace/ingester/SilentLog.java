package dev.vivace.ingester;

import dev.vivace.ingest.IngestLog;
import dev.vivace.ingest.LogPosition;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An ingest log that takes appends and never answers them, as a log stuck on its disk would. */
final class SilentLog implements IngestLog {

  /** Runs inside each append, before it returns its unanswered future. */
  volatile Runnable onAppend = () -> {};

  int appends;

  @Override
  public CompletableFuture<LogPosition> append(String tenant, List<ResourceSpans> batches) {
    appends++;
    onAppend.run();
    return new CompletableFuture<>();
  }

  @Override
  public LogPosition head() {
    return LogPosition.START;
  }

  @Override
  public long replay(LogConsumer consumer) {
    return 0;
  }

  @Override
  public void release(LogPosition position) {}

  @Override
  public void close() {}
}
