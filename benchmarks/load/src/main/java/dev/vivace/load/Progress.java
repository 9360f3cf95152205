package dev.vivace.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of a run, printed as one line every interval while it runs. */
final class Progress {

  private final long startNanos = System.nanoTime();
  private final AtomicLong sentSpans = new AtomicLong();
  private final AtomicLong ackedSpans = new AtomicLong();
  private final AtomicLong ackedBytes = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lastAck = new AtomicLong(System.nanoTime());
  private final AtomicLong checked = new AtomicLong();
  private final AtomicLong problems = new AtomicLong();
  private volatile String phase = "send";
  private long lastPrintNanos = startNanos;
  private long lastPrintAcked;

  void sent(int spans) {
    sentSpans.addAndGet(spans);
  }

  void acked(long spans, long bytes, long nowNanos) {
    ackedSpans.addAndGet(spans);
    ackedBytes.addAndGet(bytes);
    lastAck.accumulateAndGet(nowNanos, Math::max);
  }

  void failed(long nowNanos) {
    failed.incrementAndGet();
    lastAck.accumulateAndGet(nowNanos, Math::max);
  }

  void checked(boolean ok) {
    checked.incrementAndGet();
    if (!ok) {
      problems.incrementAndGet();
    }
  }

  void phase(String phase) {
    this.phase = phase;
  }

  long sentSpans() {
    return sentSpans.get();
  }

  long ackedSpans() {
    return ackedSpans.get();
  }

  long ackedBytes() {
    return ackedBytes.get();
  }

  long lastAckNanos() {
    return lastAck.get();
  }

  synchronized void print(PrintStream out) {
    long now = System.nanoTime();
    long acked = ackedSpans.get();
    double window = (now - lastPrintNanos) / 1e9;
    double rate = window > 0 ? (acked - lastPrintAcked) / window : 0;
    lastPrintNanos = now;
    lastPrintAcked = acked;
    out.printf(
        Locale.ROOT,
        "[%6.1fs] %-8s sent %,d spans, acked %,d (%,.0f spans/s now, %.1f MB total), "
            + "failed requests %d, read back %d (problems %d)%n",
        (now - startNanos) / 1e9,
        phase,
        sentSpans.get(),
        acked,
        rate,
        ackedBytes.get() / 1e6,
        failed.get(),
        checked.get(),
        problems.get());
  }
}
