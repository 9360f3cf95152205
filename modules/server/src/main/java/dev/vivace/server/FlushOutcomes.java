package dev.vivace.server;

import static java.util.Objects.requireNonNull;

import dev.vivace.ingest.BlockSink;
import dev.vivace.trace.TraceFragments;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Remembers how block writes end, so that {@code /flush} can say why it did not complete and stop
 * waiting once a write failed. Wraps the block sink the ingester writes through.
 */
final class FlushOutcomes implements BlockSink {

  private final BlockSink delegate;
  private long failures;
  private @Nullable String lastFailure;

  FlushOutcomes(BlockSink delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public void write(String tenant, UUID blockId, Iterable<TraceFragments> traces) {
    try {
      delegate.write(tenant, blockId, traces);
    } catch (RuntimeException e) {
      synchronized (this) {
        failures++;
        // Storage exceptions name the operation and key, never a credential.
        lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
        notifyAll();
      }
      throw e;
    }
    synchronized (this) {
      notifyAll();
    }
  }

  /** Returns the number of failed block writes so far. */
  synchronized long failures() {
    return failures;
  }

  /**
   * Returns the last failure if a write failed after {@link #failures()} returned {@code
   * failuresBefore}, else null.
   */
  synchronized @Nullable String failureSince(long failuresBefore) {
    return failures > failuresBefore ? lastFailure : null;
  }

  /** Waits until a block write ends, or at most {@code nanos}. */
  synchronized void awaitWrite(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.timedWait(this, nanos);
  }
}
