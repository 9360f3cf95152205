package dev.vivace.ingest.otlp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission control for OTLP requests: a bound on the memory that requests being read, inflated and
 * decoded hold at once, shared by both transports. A request reserves its bytes as they arrive and
 * as they are inflated, and an estimate for the decoded message before it is parsed; a reservation
 * that would pass the limit is refused at once, before the memory is allocated, and the client is
 * told to retry (503 or UNAVAILABLE with a retry delay). Spans already handed to the ingester are
 * bounded by its own budget, not by this one.
 *
 * <p>One request may pass the limit when no other request holds memory, so a limit smaller than the
 * largest request slows clients down instead of refusing that request forever.
 */
public final class RequestMemory {

  /**
   * Bytes reserved per inflated byte: the growing output buffer and the copy of it that is parsed.
   */
  static final int INFLATED_FACTOR = 2;

  /** Bytes reserved per message byte for the decoded message: protobuf objects and strings. */
  static final int DECODED_FACTOR = 2;

  /** How long refused clients are told to wait. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  /** If unset, a tenth of the JVM's maximum heap. */
  public static long defaultLimitBytes() {
    return Runtime.getRuntime().maxMemory() / 10;
  }

  private final long limitBytes;
  private final AtomicLong usedBytes = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();

  /** Creates a budget of {@code limitBytes}. */
  public RequestMemory(long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("limitBytes: " + limitBytes + " (expected: > 0)");
    }
    this.limitBytes = limitBytes;
  }

  /** Starts the reservation of one request, holding nothing yet. */
  Reservation open() {
    return new Reservation();
  }

  /** Returns the bytes reserved now, over all requests. */
  public long usedBytes() {
    return usedBytes.get();
  }

  /** Returns the limit. */
  public long limitBytes() {
    return limitBytes;
  }

  /** Returns how many requests were refused since start. */
  public long refusals() {
    return refusals.get();
  }

  @Override
  public String toString() {
    return "RequestMemory{used=" + usedBytes.get() + ", limit=" + limitBytes + "}";
  }

  /** The memory one request holds; closed when the request is answered. Not thread-safe. */
  final class Reservation implements AutoCloseable {
    private long held;
    private boolean closed;

    private Reservation() {}

    /**
     * Makes the reservation at least {@code bytes}.
     *
     * @throws IngestException (UNAVAILABLE, with a retry delay) when the budget has no room
     */
    void atLeast(long bytes) {
      if (bytes <= held || closed) {
        return;
      }
      long more = bytes - held;
      while (true) {
        long used = usedBytes.get();
        // Alone, a request may pass the limit: otherwise one larger than it never gets in.
        if (used + more > limitBytes && used > held) {
          refusals.incrementAndGet();
          throw new IngestException(
              RpcCode.UNAVAILABLE,
              "too many requests are being read at once ("
                  + used
                  + " of "
                  + limitBytes
                  + " bytes in use, this one needs "
                  + bytes
                  + "); retry later",
              RETRY_AFTER);
        }
        if (usedBytes.compareAndSet(used, used + more)) {
          held = bytes;
          return;
        }
      }
    }

    /** Returns the bytes held. */
    long held() {
      return held;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        usedBytes.addAndGet(-held);
      }
    }
  }
}
