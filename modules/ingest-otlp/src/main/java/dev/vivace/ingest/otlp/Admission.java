package dev.vivace.ingest.otlp;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.function.Consumer;

/** How both transports hold a request's memory to its reservation while it is read. */
final class Admission {

  /**
   * Returns {@code req} with its body counted against {@code memory} as it arrives: the declared
   * length first (a {@code content-length}, or the length in a gRPC frame's prefix when {@code
   * grpcMaxMessageBytes} is positive), then what really came. A refusal aborts the body with an
   * {@link IngestException}, so reading it stops there.
   */
  static HttpRequest counting(
      HttpRequest req, RequestMemory.Reservation memory, int grpcMaxMessageBytes) {
    long declared = req.headers().contentLength();
    if (declared > 0) {
      memory.atLeast(declared);
    }
    return req.peekData(new Counter(memory, grpcMaxMessageBytes));
  }

  /**
   * Clears the request timeout before spans go to the ingester: from then on the client hears the
   * ingester's answer (it has its own timeout), never a timeout for spans that were stored.
   *
   * @return false when the request already timed out and was answered, so nothing may be stored
   */
  static boolean commit(ServiceRequestContext ctx) {
    ctx.clearRequestTimeout();
    return !ctx.isTimedOut();
  }

  private static final class Counter implements Consumer<HttpData> {
    private final RequestMemory.Reservation memory;
    private final int grpcMaxMessageBytes;
    private final byte[] prefix = new byte[5];
    private int prefixBytes;
    private long received;

    Counter(RequestMemory.Reservation memory, int grpcMaxMessageBytes) {
      this.memory = memory;
      this.grpcMaxMessageBytes = grpcMaxMessageBytes;
    }

    @Override
    public void accept(HttpData data) {
      received += data.length();
      long needed = received;
      if (grpcMaxMessageBytes > 0 && prefixBytes < prefix.length && !data.isEmpty()) {
        byte[] bytes = data.array();
        int n = Math.min(prefix.length - prefixBytes, bytes.length);
        System.arraycopy(bytes, 0, prefix, prefixBytes, n);
        prefixBytes += n;
        if (prefixBytes == prefix.length) {
          long length =
              ((prefix[1] & 0xFFL) << 24)
                  | ((prefix[2] & 0xFFL) << 16)
                  | ((prefix[3] & 0xFFL) << 8)
                  | (prefix[4] & 0xFFL);
          // A message over the limit is refused as too large once read; reserve only up to it.
          needed = Math.max(needed, prefix.length + Math.min(length, grpcMaxMessageBytes));
        }
      }
      memory.atLeast(needed);
    }
  }

  private Admission() {}
}
